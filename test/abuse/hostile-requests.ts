import { randomBytes } from 'node:crypto';

/** One request of an attack, built before the load starts where it is big, so the attacker spends little CPU. */
export interface HostileRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** A kind of hostile request, sent by `concurrency` loops until `maxRequests` or the deadline. */
export interface Attack {
  name: string;
  concurrency: number;
  maxRequests: number;
  request(i: number): HostileRequest;
}

export interface AttackKeys {
  admin: string[];
  read: string;
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
const withJson = (key: string | null): Record<string, string> => ({
  ...(key ? bearer(key) : {}),
  'content-type': 'application/json',
});
const cursor = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const randomKey = (): string => `lp_${randomBytes(32).toString('base64url').slice(0, 43)}`;

const LABS =
  'openai,anthropic,google-deepmind,meta-ai,mistral-ai,xai,deepseek,alibaba-qwen,microsoft-ai,amazon-ai,cohere,perplexity,moonshot-ai,zhipu-ai,baidu';
const FIVE_MINUTES = 300_000;
// 1,333 five-minute buckets x 15 labs: just under the 20,000 points a trend answer may hold (~5 MB).
const TREND_SPAN_MS = 1_333 * FIVE_MINUTES;
const TREND_START = Date.parse('2026-06-01T00:00:00Z');

/** Long posts that name ambiguous terms all along (most candidates, suffix tests and context per post). */
function longPosts(batch: number): Buffer {
  const units = [
    'o1 ',
    'Claude ',
    'Gemini 2.5 ',
    'Zorp aaaaaaaaaaaaaaaaaaaaaaaaaaaaa! ',
    'Sonnet model ',
    'Grok Grok ',
  ];
  return json({
    posts: Array.from({ length: 48 }, (_, i) => {
      const unit = units[(batch + i) % units.length];
      return {
        platform: 'x',
        id: `abuse-${batch}-${i}`,
        text: unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000),
        created_at: '2026-11-20T10:00:00Z',
      };
    }),
  });
}

/** Issue 16's reproductions, as a load: each kind it found, sent again and again. */
export function hostileAttacks(keys: AttackKeys, webhookId: string): Attack[] {
  const emptyObjects = json({ posts: new Array(1_600_000).fill({}) });
  const junk = Buffer.alloc(5 * 1024 * 1024 - 64, 'x');
  const aliasFlood = json({ slug: 'alias-flood', name: 'Alias Flood', aliases: new Array(1_200_000).fill('a') });
  const batches = Array.from({ length: 6 }, (_, b) => longPosts(b));
  const forged: string[] = [
    `/v1/sources?cursor=${cursor(['2026-02-30T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])}`,
    `/v1/labs/openai/posts?sort=recent&cursor=${cursor({ q: 'x', k: '2026-13-01T10:00:00.000000Z', i: '1' })}`,
    `/v1/labs/openai/posts?sort=most_negative&cursor=${cursor({ q: 'x', k: '1e999', i: '1' })}`,
    `/v1/alerts?cursor=${cursor('s:9223372036854775808')}`,
    `/v1/alert-evaluations?cursor=${cursor('s:9999999999999999999')}`,
    `/v1/webhooks/${webhookId}/deliveries?cursor=${cursor('s:9223372036854775808')}`,
  ];
  const oddBodies: Array<[HostileRequest['method'], string, Buffer]> = [
    ['POST', '/v1/webhooks', json({ url: 'https://hooks.example.com/x', secret: null })],
    [
      'POST',
      '/v1/labs',
      json({
        slug: 'zorp',
        name: 'Zorp',
        ambiguous: [
          { text: 'Zorp', kind: 'product', acceptSuffix: '(a+)+$' },
          { text: 'dog', kind: 'product', acceptSuffix: '.*' },
        ],
      }),
    ],
    ['PATCH', '/v1/labs/openai', json({ ambiguous: [{ text: 'o1', kind: 'product', acceptSuffix: '' }] })],
    [
      'POST',
      '/v1/ingest',
      json({
        posts: ['2026-02-30T10:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z'].map((at, i) => ({
          platform: 'x',
          id: `odd-${i}`,
          text: 'OpenAI',
          created_at: at,
        })),
      }),
    ],
    [
      'POST',
      '/v1/ingest',
      json({
        posts: Array.from({ length: 1_000 }, (_, i) => ({
          platform: 'myspace',
          id: String(i),
          text: 'x',
          created_at: '2026-11-20T10:00:00Z',
        })),
      }),
    ],
  ];
  return [
    {
      name: 'ingest of 1.6M empty objects',
      concurrency: 1,
      maxRequests: 40,
      request: (i) => ({
        method: 'POST',
        path: '/v1/ingest',
        headers: withJson(keys.admin[i % keys.admin.length]),
        body: emptyObjects,
      }),
    },
    {
      name: '5 MB bodies without a key',
      concurrency: 1,
      maxRequests: 60,
      request: (i) => ({
        method: 'POST',
        path: i % 2 ? '/v1/ingest' : `/no/such/path/${i}`,
        headers: withJson(null),
        body: junk,
      }),
    },
    {
      name: 'labs with 1.2M aliases',
      concurrency: 1,
      maxRequests: 20,
      request: (i) => ({
        method: 'POST',
        path: '/v1/labs',
        headers: withJson(keys.admin[i % keys.admin.length]),
        body: aliasFlood,
      }),
    },
    {
      name: 'random well-formed keys',
      concurrency: 2,
      maxRequests: 2_000,
      request: () => ({ method: 'GET', path: '/v1/labs', headers: bearer(randomKey()) }),
    },
    {
      name: 'forged cursors',
      concurrency: 1,
      maxRequests: 600,
      request: (i) => ({ method: 'GET', path: forged[i % forged.length], headers: bearer(keys.admin[0]) }),
    },
    {
      name: 'odd bodies (null secret, hostile patterns, impossible dates, all-invalid ingest)',
      concurrency: 1,
      maxRequests: 300,
      request: (i) => {
        const [method, path, body] = oddBodies[i % oddBodies.length];
        return { method, path, headers: withJson(keys.admin[i % keys.admin.length]), body };
      },
    },
    {
      name: '48 posts of 100k characters (scored in the same process)',
      concurrency: 1,
      maxRequests: 12,
      request: (i) => ({
        method: 'POST',
        path: '/v1/ingest',
        headers: withJson(keys.admin[i % keys.admin.length]),
        body: rebrand(batches[i % batches.length], i),
      }),
    },
    {
      name: 'distinct ~5 MB trend queries',
      concurrency: 2,
      maxRequests: 560,
      request: (i) => {
        const from = new Date(TREND_START + i * FIVE_MINUTES).toISOString();
        const to = new Date(TREND_START + i * FIVE_MINUTES + TREND_SPAN_MS).toISOString();
        return {
          method: 'GET',
          path: `/v1/trends?labs=${LABS}&interval=5m&from=${from}&to=${to}`,
          headers: { ...bearer(keys.read), 'accept-encoding': 'gzip' },
        };
      },
    },
  ];
}

/** The same batch with post ids of its own, so each is stored and scored again (a duplicate would be skipped). */
function rebrand(batch: Buffer, round: number): Buffer {
  return Buffer.from(batch.toString('utf8').replaceAll('"id":"abuse-', `"id":"abuse${round}-`));
}
