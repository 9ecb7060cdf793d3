/**
 * Which product words count as evidence for the ambiguous AI names "Claude", "Gemini", "Llama" and
 * "Mistral" (libs/labs/src/default-labs.ts), decided on the AI-lab corpus's train split only:
 *   node --require @swc-node/register libs/nlp/scripts/ambiguous-evidence.ts
 * A candidate counts when, in train posts naming one of those names, it comes with the AI sense at
 * least MIN_AI times and never with another sense (Claude Monet, the zodiac, a llama, the wind),
 * and appears in at most MAX_NO_LAB of the train posts that name no lab at all.
 */
import { readCorpus } from './ai-lab-corpus';
import { CORPUS_LABS } from './corpus-labs';

const NAMES: Record<string, string> = {
  claude: 'anthropic',
  gemini: 'google-deepmind',
  llama: 'meta-ai',
  mistral: 'mistral-ai',
};
const MIN_AI = 3;
const MAX_NO_LAB = 1;
// Words about a paid software service: price, plans, limits, faults, speed, releases.
const CANDIDATES = [
  'pricing',
  'price',
  'prices',
  'subscription',
  'subscriptions',
  'subscribed',
  'plan',
  'plans',
  'free plan',
  'paid plan',
  'free tier',
  'paid tier',
  'tier',
  'paid',
  'paywall',
  'premium',
  'upgrade',
  'downgrade',
  'billing',
  'bill',
  'cancel',
  'cancelled',
  'refund',
  'quota',
  'rate limit',
  'rate limits',
  'rate limited',
  'usage limit',
  'usage limits',
  'limits',
  'outage',
  'down',
  'crash',
  'crashes',
  'crashed',
  'buggy',
  'bug',
  'bugs',
  'glitch',
  'glitchy',
  'error',
  'errors',
  'slow',
  'slower',
  'laggy',
  'update',
  'release',
  'feature',
  'features',
  'app',
];

function wordPattern(word: string): RegExp {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/ /g, '[\\s-]+')}($|[^\\p{L}\\p{N}])`, 'iu');
}

function main(): void {
  const train = readCorpus(undefined, CORPUS_LABS).filter((p) => p.split === 'train');
  const noLab = train.filter((p) => Object.keys(p.stance).length === 0);
  const named = Object.entries(NAMES).map(([name, lab]) => ({
    lab,
    posts: train.filter((p) => wordPattern(name).test(p.text)),
  }));
  const chosen: string[] = [];
  console.log(`train split: ${train.length} posts, ${noLab.length} naming no lab`);
  console.log(`${'word'.padEnd(16)} ${'AI sense'.padStart(8)} ${'other'.padStart(6)} ${'no-lab'.padStart(7)}`);
  for (const word of CANDIDATES) {
    const re = wordPattern(word);
    let ai = 0;
    let other = 0;
    for (const { lab, posts } of named) {
      for (const p of posts) {
        if (!re.test(p.text)) continue;
        if (lab in p.stance) ai++;
        else other++;
      }
    }
    const inNoLab = noLab.filter((p) => re.test(p.text)).length;
    const counts = ai >= MIN_AI && other === 0 && inNoLab <= MAX_NO_LAB;
    if (counts) chosen.push(word);
    console.log(
      `${word.padEnd(16)} ${String(ai).padStart(8)} ${String(other).padStart(6)} ${String(inNoLab).padStart(7)}  ${counts ? 'evidence' : ''}`,
    );
  }
  console.log(`\nevidence: ${chosen.map((w) => `'${w}'`).join(', ')}`);
}

main();
