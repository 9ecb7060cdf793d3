import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../auth';
import { ProblemDto } from '../openapi/problem.dto';
import { IngestBatchDto } from './ingest-batch.dto';
import { IngestResultDto } from './ingest-result.dto';
import { type IngestResult, IngestService } from './ingest.service';

@ApiTags('ingest')
@Controller('v1/ingest')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  /** 202 with accepted / duplicates / rejected; 400 naming every item when none was valid. */
  @Post()
  @HttpCode(202)
  @Scopes('admin')
  @ApiAcceptedResponse({
    type: IngestResultDto,
    description: 'Valid posts stored (or already there); invalid ones listed by index and field',
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'A malformed envelope, or no valid post at all (each named in `errors`)',
  })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'The body exceeds the JSON body limit' })
  push(@Body() dto: IngestBatchDto): Promise<IngestResult> {
    return this.ingest.push(dto);
  }
}
