import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes.decorator';
import { cacheKey } from '../caching/cache-key';
import { replayOf } from '../caching/replay';
import { sendRepresentation } from '../caching/representation';
import { ResponseCache } from '../caching/response-cache.service';
import { negotiateFormat } from '../common/representation';
import { ProblemDto } from '../openapi/problem.dto';
import { CompareQueryDto } from './compare-query.dto';
import { CompareResponseDto } from './compare-response.dto';
import { CompareService } from './compare.service';

@ApiTags('trends')
@Controller('v1/compare')
export class CompareController {
  constructor(
    private readonly compare: CompareService,
    private readonly cache: ResponseCache,
  ) {}

  @Get()
  @Scopes('read')
  @ApiOperation({
    summary: 'Labs side by side over a period, with the change against the previous period of the same length',
  })
  @ApiOkResponse({ type: CompareResponseDto })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the current ETag' })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'A lab is not in the catalogue' })
  async get(@Query() query: CompareQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    negotiateFormat(undefined, req.headers.accept, ['json']);
    const rep = await this.cache.get(cacheKey('compare', query), () => this.compare.render(query), replayOf(req));
    await sendRepresentation(req, res, rep);
  }
}
