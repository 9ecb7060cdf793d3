import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { Scopes } from '../auth';
import { ProblemDto } from '../openapi/problem.dto';
import { LabCreateDto, LabUpdateDto } from './lab-definition.dto';
import { type LabDetail, type LabView, LabsService } from './labs.service';

@Controller('v1/labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Get()
  async list(): Promise<{ data: LabView[] }> {
    return { data: await this.labs.list() };
  }

  @Get(':slug')
  get(@Param('slug') slug: string): Promise<LabDetail> {
    return this.labs.get(slug);
  }

  @Scopes('admin')
  @Post()
  create(@Body() body: LabCreateDto): Promise<LabDetail> {
    return this.labs.create(body);
  }

  @Scopes('admin')
  @Patch(':slug')
  update(@Param('slug') slug: string, @Body() body: LabUpdateDto): Promise<LabDetail> {
    return this.labs.update(slug, body);
  }

  @Scopes('admin')
  @Delete(':slug')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'Deleted with everything derived from it: its mentions, rollups, lab-scoped alert rules and its alerts. ' +
      'Posts stay. To keep its history, disable it instead (PATCH {"enabled": false}).',
  })
  @ApiNotFoundResponse({ description: 'No lab with this slug', type: ProblemDto })
  remove(@Param('slug') slug: string): Promise<void> {
    return this.labs.remove(slug);
  }
}
