import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The AI-lab corpus: posts as the platforms carry them, labelled by docs/labelling.md. */
export type CorpusStance = 'favor' | 'against' | 'neutral';
export type CorpusSentiment = 'positive' | 'neutral' | 'negative';
export type CorpusSplit = 'train' | 'dev';

export interface CorpusPost {
  id: string;
  platform: 'x' | 'linkedin' | 'facebook';
  lang: string;
  text: string;
  sentiment: CorpusSentiment;
  stance: Record<string, CorpusStance>;
  tags?: string[];
  /** File the post came from (one writer's batch); not stored in the record. */
  batch: string;
  split: CorpusSplit;
}

export const CORPUS_DIR = join(__dirname, '..', 'corpus');

const PLATFORMS = new Set(['x', 'linkedin', 'facebook']);
const SENTIMENTS = new Set(['positive', 'neutral', 'negative']);
const STANCES = new Set(['favor', 'against', 'neutral']);
const FIELDS = new Set(['id', 'platform', 'lang', 'text', 'sentiment', 'stance', 'tags']);

/** The fixed split rule of docs/labelling.md: a quarter of the ids, by hash, are dev. */
export function splitOf(id: string): CorpusSplit {
  return createHash('sha256').update(`labpulse-corpus-v1:${id}`).digest()[0] < 64 ? 'dev' : 'train';
}

/**
 * Every `*.jsonl` file of the corpus folder, checked: a malformed record throws with its file, line
 * and field, so a bad edit cannot silently drop or mislabel a post. `labs` (slugs) limits stance keys.
 */
export function readCorpus(dir: string = CORPUS_DIR, labs?: ReadonlySet<string>): CorpusPost[] {
  const out: CorpusPost[] = [];
  const ids = new Set<string>();
  const texts = new Map<string, string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const batch = file.replace(/\.jsonl$/, '');
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const where = `${file}:${i + 1}`;
        let o: Record<string, unknown>;
        try {
          o = JSON.parse(line) as Record<string, unknown>;
        } catch (e) {
          throw new Error(`${where}: not JSON (${(e as Error).message})`, { cause: e });
        }
        const post = checkRecord(o, where, labs);
        if (ids.has(post.id)) throw new Error(`${where}: duplicate id ${post.id}`);
        const key = post.text.toLowerCase().replace(/\s+/g, ' ').trim();
        const twin = texts.get(key);
        if (twin) throw new Error(`${where}: same text as ${twin}`);
        ids.add(post.id);
        texts.set(key, post.id);
        out.push({ ...post, batch, split: splitOf(post.id) });
      });
  }
  return out;
}

function checkRecord(
  o: Record<string, unknown>,
  where: string,
  labs?: ReadonlySet<string>,
): Omit<CorpusPost, 'batch' | 'split'> {
  const fail = (field: string, why: string): never => {
    throw new Error(`${where}: ${field} ${why}`);
  };
  for (const k of Object.keys(o)) if (!FIELDS.has(k)) fail(k, 'is not a known field');
  if (typeof o.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(o.id))
    fail('id', 'must be lower-case letters, digits and "-"');
  if (typeof o.platform !== 'string' || !PLATFORMS.has(o.platform)) fail('platform', 'must be x, linkedin or facebook');
  if (typeof o.lang !== 'string' || !/^[a-z]{2,3}$/.test(o.lang)) fail('lang', 'must be an ISO 639-1 code');
  if (typeof o.text !== 'string' || o.text.trim() === '') fail('text', 'must be a non-empty string');
  if (typeof o.sentiment !== 'string' || !SENTIMENTS.has(o.sentiment))
    fail('sentiment', 'must be positive, neutral or negative');
  if (typeof o.stance !== 'object' || o.stance === null || Array.isArray(o.stance)) fail('stance', 'must be an object');
  for (const [lab, s] of Object.entries(o.stance as Record<string, unknown>)) {
    if (labs && !labs.has(lab)) fail('stance', `names unknown lab "${lab}"`);
    if (typeof s !== 'string' || !STANCES.has(s)) fail(`stance.${lab}`, 'must be favor, against or neutral');
  }
  if (o.tags !== undefined && (!Array.isArray(o.tags) || o.tags.some((t) => typeof t !== 'string')))
    fail('tags', 'must be a list of strings');
  return o as unknown as Omit<CorpusPost, 'batch' | 'split'>;
}
