import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { originalUrl } from '@labpulse/connectors';
import { LabRepository, type LabPost, PostQueryRepository } from '@labpulse/persistence';
import { freshness } from '../caching/freshness';
import { representation } from '../caching/representation';
import type { Rendered } from '../caching/response-cache.service';
import { CSV_CONTENT_TYPE } from '../common/csv';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import { parseInstant } from '../common/instant.validator';
import { requireLabs } from '../common/known-labs';
import type { Format } from '../common/representation';
import { decodeCursor, encodeCursor, queryFingerprint } from './post-cursor';
import { postsCsv } from './posts-csv';
import type { PostsQueryDto } from './posts-query.dto';
import type { PostDto, PostsPageDto } from './posts-response.dto';

const DEFAULT_PAGE_SIZE = 50;

@Injectable()
export class PostsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly posts: PostQueryRepository,
    private readonly labs: LabRepository,
  ) {}

  async page(slug: string, query: PostsQueryDto): Promise<PostsPageDto> {
    const from = query.from ? parseInstant(query.from) : undefined;
    const to = query.to ? parseInstant(query.to) : undefined;
    if (from && to && from.getTime() >= to.getTime())
      throw InvalidParametersException.single('from', 'from must be before to');
    const [lab] = await requireLabs(this.labs, [slug]);
    const sort = query.sort ?? 'recent';
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const modelVersion = await this.posts.currentModelVersion(slug);
    const fingerprint = queryFingerprint([
      slug,
      modelVersion,
      sort,
      query.platform,
      query.stance,
      query.sentiment,
      from?.getTime(),
      to?.getTime(),
    ]);
    const after = query.cursor ? decodeCursor(query.cursor, fingerprint, sort) : undefined;
    if (modelVersion === null) return { lab: lab.slug, name: lab.name, modelVersion, sort, data: [], next: null };
    const rows = await this.posts.page({
      lab: slug,
      modelVersion,
      sort,
      platform: query.platform,
      stance: query.stance,
      sentiment: query.sentiment,
      from,
      to,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const next = rows.length > limit ? encodeCursor(fingerprint, page[page.length - 1].position) : null;
    return { lab: lab.slug, name: lab.name, modelVersion, sort, data: page.map(toDto), next };
  }

  /** `path` is the request path, for the Link header of the next page. */
  async render(
    slug: string,
    query: PostsQueryDto,
    format: Format,
    path: string,
    search: URLSearchParams,
  ): Promise<Rendered> {
    const page = await this.page(slug, query);
    // Without `to` the newest posts may still arrive: such pages are never reused for long.
    const policy = freshness(
      query.to ? parseInstant(query.to) : new Date(8.64e15),
      Date.now(),
      this.config.api.cacheSeconds,
    );
    const headers: Record<string, string> = {};
    if (page.next) {
      const params = new URLSearchParams(search);
      params.set('cursor', page.next);
      headers.Link = `<${path}?${params.toString()}>; rel="next"`;
    }
    const rep =
      format === 'csv'
        ? representation(postsCsv(page), CSV_CONTENT_TYPE, policy.cacheControl, {
            ...headers,
            'Content-Disposition': `attachment; filename="${slug}-posts.csv"`,
          })
        : representation(JSON.stringify(page), 'application/json; charset=utf-8', policy.cacheControl, headers);
    return { representation: rep, ttlMs: policy.ttlMs };
  }
}

function toDto(p: LabPost): PostDto {
  const link = originalUrl(p, p.url);
  return {
    platform: p.platform,
    externalId: p.externalId,
    url: link.url,
    urlDerived: link.derived,
    author: { id: p.authorId, name: p.authorName },
    text: p.text,
    language: p.language,
    postedAt: p.postedAt.toISOString(),
    engagement: {
      likes: p.likes,
      comments: p.comments,
      shares: p.shares,
      quotes: p.quotes,
      impressions: p.impressions,
    },
    sentiment:
      p.sentimentLabel !== null && p.sentimentScore !== null
        ? { label: p.sentimentLabel, score: p.sentimentScore, confidence: p.sentimentConfidence ?? 0 }
        : null,
    stance: p.stance !== null ? { label: p.stance, score: p.stanceScore, confidence: p.stanceConfidence } : null,
    evidence: { text: p.evidence, start: p.evidenceStart, end: p.evidenceEnd },
  };
}
