import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotAcceptableResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendRepresentation } from '../caching/representation';
import { cacheKey } from '../caching/cache-key';
import { replayOf } from '../caching/replay';
import { ResponseCache } from '../caching/response-cache.service';
import { negotiateFormat } from '../common/representation';
import { Scopes } from '../auth/scopes.decorator';
import { ProblemDto } from '../openapi/problem.dto';
import { TrendsQueryDto } from './trends-query.dto';
import { TrendsResponseDto } from './trends-response.dto';
import { TrendsService } from './trends.service';

@ApiTags('trends')
@Controller('v1/trends')
export class TrendsController {
  constructor(
    private readonly trends: TrendsService,
    private readonly cache: ResponseCache,
  ) {}

  @Get()
  @Scopes('read')
  @ApiOperation({
    summary: 'Time series per lab (and platform): volume, sentiment, stance, share of voice, collector coverage',
    description:
      'Buckets are half-open [start, start + interval), zero-filled. At most 2,000 points per series and 20,000 per response. ' +
      'Answers whose buckets are all closed carry Cache-Control max-age and an ETag (send If-None-Match for a 304).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TrendsResponseDto, description: 'JSON, or CSV with one row per lab, platform and bucket' })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the current ETag' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A parameter broke a rule; `errors` names it' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'A lab is not in the catalogue' })
  @ApiNotAcceptableResponse({ type: ProblemDto, description: 'Accept allows neither JSON nor CSV' })
  async get(@Query() query: TrendsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const format = negotiateFormat(query.format, req.headers.accept);
    const rep = await this.cache.get(
      cacheKey(`trends.${format}`, query),
      () => this.trends.render(query, format),
      replayOf(req),
    );
    await sendRepresentation(req, res, rep);
  }
}
