import type { DataSource } from 'typeorm';
import type { NormalizedPost, Platform } from '@labpulse/connectors';
import { IngestRepository, type PostScore, RollupRepository, ScoringRepository } from '@labpulse/persistence';

export interface ScoredPostSpec {
  platform: Platform;
  id: string;
  /** ISO 8601 instant the platform gives as the post time. */
  at: string;
  text?: string;
  url?: string | null;
  /** For comments: the platform id of the post commented on. */
  parentId?: string;
  authorName?: string;
  likes?: number;
  comments?: number;
  shares?: number;
  /** null: a language the model cannot score. */
  sentiment: { label: 'positive' | 'neutral' | 'negative'; score: number } | null;
  mentions: Array<{ lab: string; stance: 'favor' | 'against' | 'neutral' | null; score: number | null }>;
}

export const TEST_MODEL_VERSION = 'test-model-v1';

/**
 * Stores posts with their scores through the real repositories (ingest, scoring, rollup), so the
 * rollups are built exactly as the worker builds them. Returns the post ids in spec order.
 */
export async function seedScoredPosts(
  db: DataSource,
  specs: ScoredPostSpec[],
  modelVersion = TEST_MODEL_VERSION,
): Promise<string[]> {
  const posts: NormalizedPost[] = specs.map((s) => ({
    platform: s.platform,
    externalId: s.id,
    parentExternalId: s.parentId ?? null,
    authorId: s.authorName ? `id-${s.authorName}` : null,
    authorName: s.authorName ?? null,
    text: s.text ?? `post ${s.id}`,
    language: s.sentiment ? 'en' : 'fr',
    createdAt: new Date(s.at),
    url: s.url ?? null,
    engagement: {
      likes: s.likes ?? 0,
      comments: s.comments ?? 0,
      shares: s.shares ?? 0,
      quotes: null,
      impressions: null,
    },
  }));
  const ids: string[] = [];
  for (const post of posts) ids.push(...(await new IngestRepository(db).saveBatch([post], [])).newPostIds);
  if (ids.length !== specs.length) throw new Error('seedScoredPosts: some posts were already stored');
  const scores: PostScore[] = specs.map((s, i) => ({
    postId: ids[i],
    scored: s.sentiment !== null,
    language: s.sentiment ? 'en' : 'fr',
    sentiment: s.sentiment ? { ...s.sentiment, confidence: 0.9 } : null,
    mentions: s.mentions.map((m) => ({
      lab: m.lab,
      stance: m.stance,
      score: m.score,
      confidence: m.stance ? 0.8 : null,
      evidence: { start: 0, end: 4, text: m.lab },
    })),
  }));
  await new ScoringRepository(db).saveScores(modelVersion, ids, scores);
  const rollups = new RollupRepository(db);
  while ((await rollups.aggregateDirty(1_000)).fiveMinuteBuckets > 0);
  return ids;
}
