import type { ScoredPostSpec } from '@labpulse/testing';

/**
 * A week in which DeepSeek has a burst of posts in the last few minutes, seen from BURST_NOW (the
 * browser's clock is pinned there): the burst is in the current, unfinished 5 minutes, where the
 * side-by-side table used to stop while the charts went on.
 */
export const BURST_NOW = new Date('2026-10-29T12:03:30Z');
/** 30 DeepSeek posts from 12:00:30 to 12:02:55. */
export const BURST_SIZE = 30;
/** Posts about each lab from Oct 23 to Oct 29, burst included: the first screen shows the top four, most first. */
export const WEEK_VOLUME = { deepseek: 33, openai: 6, anthropic: 4, xai: 2, 'mistral-ai': 1 } as const;
/** Posts about each lab in the last 24 hours before BURST_NOW (from Oct 28 12:00, floored to the hour). */
export const DAY_VOLUME = { deepseek: 31, openai: 2 } as const;

const positive = { label: 'positive', score: 0.7 } as const;
const negative = { label: 'negative', score: -0.6 } as const;

type Lab = keyof typeof WEEK_VOLUME;

function post(lab: Lab, id: string, at: string, good: boolean): ScoredPostSpec {
  return {
    platform: 'x',
    id,
    at,
    authorName: `user${id}`,
    text: `${lab} post ${id}`,
    sentiment: good ? positive : negative,
    mentions: [{ lab, stance: good ? 'favor' : 'against', score: good ? 0.5 : -0.5 }],
  };
}

const day = (d: number, time: string) => `2026-10-${d}T${time}Z`;

export const BACKGROUND: ScoredPostSpec[] = [
  ...[23, 24, 25, 26].map((d, i) => post('openai', `30${i}`, day(d, '10:00:00'), i % 2 === 0)),
  post('openai', '304', day(28, '15:00:00'), true),
  post('openai', '305', day(29, '08:00:00'), false),
  ...[23, 24, 26, 27].map((d, i) => post('anthropic', `31${i}`, day(d, '11:00:00'), true)),
  post('xai', '320', day(24, '09:00:00'), false),
  post('xai', '321', day(27, '09:00:00'), true),
  post('mistral-ai', '330', day(25, '09:00:00'), true),
  post('deepseek', '340', day(27, '14:00:00'), true),
  post('deepseek', '341', day(28, '10:00:00'), true),
  post('deepseek', '342', day(29, '09:00:00'), true),
  // Weeks earlier: not in the first screen's period.
  post('openai', '350', '2026-10-05T10:00:00Z', true),
];

export const BURST: ScoredPostSpec[] = Array.from({ length: BURST_SIZE }, (_, i) =>
  post(
    'deepseek',
    `36${String(i).padStart(2, '0')}`,
    new Date(Date.parse('2026-10-29T12:00:30Z') + i * 5_000).toISOString(),
    i % 5 === 0,
  ),
);
