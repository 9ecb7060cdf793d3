/**
 * Checks the AI-lab corpus and prints its make-up:
 *   npm run corpus:check [-- --dir libs/nlp/corpus]
 */
import { parseArgs } from './cli-args';
import { CORPUS_DIR, readCorpus } from './ai-lab-corpus';
import { CORPUS_LABS } from './corpus-labs';

const args = parseArgs(process.argv.slice(2));
const posts = readCorpus(args.get('dir') ?? CORPUS_DIR, CORPUS_LABS);
const count = (xs: string[]): string =>
  Object.entries(xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {}))
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
const stances = posts.flatMap((p) => Object.values(p.stance));
console.log(
  `${posts.length} posts (${posts.filter((p) => p.split === 'dev').length} dev), ${stances.length} (post, lab) stances`,
);
console.log(`batches: ${count(posts.map((p) => p.batch))}`);
console.log(`platforms: ${count(posts.map((p) => p.platform))}`);
console.log(`languages: ${count(posts.map((p) => p.lang))}`);
console.log(`sentiment: ${count(posts.map((p) => p.sentiment))}`);
console.log(`stance: ${count(stances)}`);
console.log(`labs per post: ${count(posts.map((p) => String(Object.keys(p.stance).length)))}`);
console.log(`labs: ${count(posts.flatMap((p) => Object.keys(p.stance)))}`);
console.log(`200+ characters: ${posts.filter((p) => p.text.length >= 200).length}`);
