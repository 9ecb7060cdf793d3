import { toCsv } from '../common/csv';
import type { PostsPageDto } from './posts-response.dto';

const HEADER = [
  'platform',
  'external_id',
  'url',
  'posted_at',
  'author_id',
  'author_name',
  'language',
  'text',
  'likes',
  'comments',
  'shares',
  'quotes',
  'impressions',
  'sentiment',
  'sentiment_score',
  'sentiment_confidence',
  'stance',
  'stance_score',
  'stance_confidence',
  'evidence',
];

export function postsCsv(page: PostsPageDto): string {
  return toCsv(
    HEADER,
    page.data.map((p) => [
      p.platform,
      p.externalId,
      p.url,
      p.postedAt,
      p.author.id,
      p.author.name,
      p.language,
      p.text,
      p.engagement.likes,
      p.engagement.comments,
      p.engagement.shares,
      p.engagement.quotes,
      p.engagement.impressions,
      p.sentiment?.label,
      p.sentiment?.score,
      p.sentiment?.confidence,
      p.stance?.label,
      p.stance?.score,
      p.stance?.confidence,
      p.evidence.text,
    ]),
  );
}
