import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
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
import { LabSlugParamDto, PostsQueryDto } from './posts-query.dto';
import { PostsPageDto } from './posts-response.dto';
import { PostsService } from './posts.service';

@ApiTags('posts')
@Controller('v1/labs')
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly cache: ResponseCache,
  ) {}

  @Get(':slug/posts')
  @Scopes('read')
  @ApiOperation({
    summary: "A lab's scored posts with links to the originals, keyset-paginated",
    description:
      'Follow `next` (or the Link header) for the next page. The order is stable while you page: new posts never shift a page.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PostsPageDto })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the current ETag' })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such lab' })
  async list(
    @Param() params: LabSlugParamDto,
    @Query() query: PostsQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const format = negotiateFormat(query.format, req.headers.accept);
    const url = new URL(req.originalUrl, 'http://localhost');
    const rep = await this.cache.get(
      cacheKey(`posts.${format}.${params.slug}`, query),
      () => this.posts.render(params.slug, query, format, url.pathname, url.searchParams),
      replayOf(req),
    );
    await sendRepresentation(req, res, rep);
  }
}
