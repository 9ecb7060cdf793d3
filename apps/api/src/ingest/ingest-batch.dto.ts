import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { ValidatesOwnText } from '../common/request-input.pipe';

/** Posts per request; the JSON body limit (bootstrap-api.ts) bounds the bytes. */
export const MAX_POSTS_PER_REQUEST = 1_000;

/**
 * POST /v1/ingest. Each item has the shape of one JSONL import line and is checked on its own
 * (IngestService), so one bad post does not sink the batch.
 */
@ValidatesOwnText()
export class IngestBatchDto {
  @ApiProperty({
    type: 'array',
    minItems: 1,
    maxItems: MAX_POSTS_PER_REQUEST,
    items: { type: 'object', additionalProperties: true },
    description:
      'Posts shaped like lines of an import file: platform, id, text, created_at, optional author, author_id, language, url, parent_id, engagement',
    example: [
      {
        platform: 'x',
        id: '1850000000000000000',
        author: 'someone',
        text: 'Claude is great at code',
        created_at: '2026-11-20T10:00:00Z',
      },
    ],
  })
  @IsArray({ message: 'posts must be an array of posts' })
  @ArrayMinSize(1, { message: 'posts must hold at least one post' })
  @ArrayMaxSize(MAX_POSTS_PER_REQUEST, { message: `posts may hold at most ${MAX_POSTS_PER_REQUEST} posts per request` })
  posts!: unknown[];
}
