import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Scopes } from '../auth';
import { ProblemDto } from '../openapi/problem.dto';
import { CreateSourceDto } from './create-source.dto';
import { ListSourcesQueryDto } from './list-sources-query.dto';
import { SOURCE_ID_PIPE } from './source-id.pipe';
import { PollRequestDto, ResumeDto, SourceDto, SourceListDto } from './source-response.dto';
import type { SourceView } from './source-view';
import { type PollRequestView, type ResumeView, type SourceListView, SourcesService } from './sources.service';
import { UpdateSourceDto } from './update-source.dto';

const INVALID = { description: 'A field or parameter broke a rule; `errors` names each', type: ProblemDto };
const UNKNOWN = { description: 'No source with this id', type: ProblemDto };

/** Sources over REST. Reads need a `read` key; every write (poll now included) an `admin` key. */
@ApiTags('sources')
@ApiBadRequestResponse(INVALID)
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Post()
  @HttpCode(201)
  @Scopes('admin')
  @ApiCreatedResponse({ type: SourceDto })
  create(@Body() dto: CreateSourceDto): Promise<SourceView> {
    return this.sources.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: SourceListDto })
  list(@Query() query: ListSourcesQueryDto): Promise<SourceListView> {
    return this.sources.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SourceDto })
  @ApiNotFoundResponse(UNKNOWN)
  get(@Param('id', SOURCE_ID_PIPE) id: string): Promise<SourceView> {
    return this.sources.get(id);
  }

  @Patch(':id')
  @Scopes('admin')
  @ApiOkResponse({ type: SourceDto })
  @ApiNotFoundResponse(UNKNOWN)
  update(@Param('id', SOURCE_ID_PIPE) id: string, @Body() dto: UpdateSourceDto): Promise<SourceView> {
    return this.sources.update(id, dto);
  }

  @Delete(':id')
  @Scopes('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its posts stay, without a source' })
  @ApiNotFoundResponse(UNKNOWN)
  remove(@Param('id', SOURCE_ID_PIPE) id: string): Promise<void> {
    return this.sources.remove(id);
  }

  @Post(':id/poll')
  @Scopes('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: PollRequestDto,
    description: 'Queued, or absorbed by a poll of this source already queued or running',
  })
  @ApiNotFoundResponse(UNKNOWN)
  @ApiConflictResponse({
    description: 'The source is disabled, awaiting new credentials (auth_failed) or paused by a quota',
    type: ProblemDto,
  })
  pollNow(@Param('id', SOURCE_ID_PIPE) id: string): Promise<PollRequestView> {
    return this.sources.pollNow(id);
  }

  @Post(':id/resume')
  @Scopes('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: ResumeDto,
    description: 'The quota pause is lifted and a poll is queued now; receivers get source.resumed',
  })
  @ApiNotFoundResponse(UNKNOWN)
  @ApiConflictResponse({ description: 'The source is disabled or not paused', type: ProblemDto })
  resume(@Param('id', SOURCE_ID_PIPE) id: string): Promise<ResumeView> {
    return this.sources.resume(id);
  }
}
