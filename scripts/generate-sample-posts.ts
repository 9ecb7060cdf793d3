/**
 * Writes samples/sample-posts.jsonl: a week of synthetic posts about AI labs on three platforms,
 * deterministic (seeded), in the import format. Run: node --require @swc-node/register scripts/generate-sample-posts.ts
 */
import { writeFileSync } from 'node:fs';

const START = Date.parse('2026-11-20T00:00:00Z');
const DAYS = 7;
const POSTS = 1_200;

const SUBJECTS: Record<string, string[]> = {
  openai: ['OpenAI', 'ChatGPT', 'GPT-4o', 'Sam Altman'],
  anthropic: ['Anthropic', 'Claude Sonnet', 'Dario Amodei'],
  deepseek: ['DeepSeek', 'DeepSeek R1', 'DeepSeek V3'],
  'google-deepmind': ['Google DeepMind', 'Gemini 2.5 Pro', 'Demis Hassabis'],
  'meta-ai': ['Meta AI', 'Llama 4', 'Yann LeCun'],
  'mistral-ai': ['Mistral AI', 'Le Chat'],
  xai: ['xAI', 'Grok 3'],
};
const POSITIVE = [
  'I love how good {s} has become, really impressive work',
  '{s} just nailed this task for me. Amazing!',
  'Honestly {s} is the best tool I have used this year',
  'Huge congrats to {s} on the launch, great release',
];
const NEGATIVE = [
  '{s} keeps giving me wrong answers, so frustrating',
  'Really disappointed with {s} today, terrible outage again',
  '{s} is overhyped and the pricing is awful',
  'Why is {s} so slow and buggy lately? Bad experience',
];
const NEUTRAL = [
  '{s} announced a new model version today',
  'Reading the {s} technical report this afternoon',
  '{s} will present at the conference next week',
  'Anyone compared {s} with other models on coding tasks?',
];
const NON_ENGLISH = ['{s} a publié un nouveau modèle aujourd’hui', '{s} hat heute ein neues Modell vorgestellt'];
const PLATFORMS = ['x', 'x', 'x', 'linkedin', 'facebook'] as const;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = mulberry32(20261128);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const labs = Object.keys(SUBJECTS);
const lines: string[] = [];
for (let i = 0; i < POSTS; i++) {
  const lab = pick(labs);
  const at = new Date(START + Math.floor(random() * DAYS * 86_400_000));
  // A dip for one lab on day 5, so the sample has a visible change to look at.
  const dip = lab === 'deepseek' && at.getTime() > START + 4 * 86_400_000 && at.getTime() < START + 5 * 86_400_000;
  const roll = random();
  const template =
    roll < 0.03 ? pick(NON_ENGLISH) : dip || roll < 0.28 ? pick(NEGATIVE) : roll < 0.6 ? pick(POSITIVE) : pick(NEUTRAL);
  const platform = pick(PLATFORMS);
  lines.push(
    JSON.stringify({
      platform,
      id: `sample-${platform}-${i + 1}`,
      author: `user${Math.floor(random() * 400)}`,
      text: template.replace('{s}', pick(SUBJECTS[lab])),
      created_at: at.toISOString(),
      engagement: {
        likes: Math.floor(random() * 200),
        comments: Math.floor(random() * 30),
        shares: Math.floor(random() * 20),
      },
    }),
  );
}
writeFileSync('samples/sample-posts.jsonl', `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${lines.length} posts to samples/sample-posts.jsonl\n`);
