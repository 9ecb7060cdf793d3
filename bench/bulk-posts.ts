/** The generated posts bench:scale and bench:write-path share. */

// Tweet-length posts naming the seeded labs, positive, negative and neutral, with some noise.
const OPENERS = [
  'Honestly,',
  'Hot take:',
  'Just tried it:',
  'Thread:',
  'Unpopular opinion:',
  'Update:',
  'Okay so',
  'PSA:',
  '',
  '',
];
const BODIES = [
  '{a} shipped a new model and it is honestly impressive on real coding work',
  '{a} keeps refusing simple tasks, so annoying, switching to {b} for now',
  '{a} matches {b} on the benchmarks at a fraction of the cost',
  'the new {a} release is great at long documents but painfully slow today',
  '{a} released open weights and the community is excited',
  'not sure {a} is worth the subscription anymore, {b} feels better for research',
  '{a} outage again this morning, third time this week',
  'comparing {a} and {b} on our evals: close, {a} hallucinates less',
  'love how {a} handles agentic workflows, big step up from last year',
  '{a} pricing change is a disaster for small startups',
  'the {a} team published a solid safety report, worth a read',
  '{a} vs {b} for code review? {b} wins on speed, {a} on reasoning',
];
const CLOSERS = ['', ' #AI', ' 🤖', ' thoughts?', ' (link in bio)', ' #LLM', '!!', ' lol'];
const LAB_NAMES = [
  'OpenAI',
  'Anthropic',
  'Claude',
  'ChatGPT',
  'Google DeepMind',
  'Gemini 2.5',
  'Mistral AI',
  'DeepSeek R1',
  'Meta AI',
  'Llama 4',
  'xAI',
  'Grok',
  'Qwen',
  'Cohere',
  'Perplexity',
];

export function bulkText(i: number): string {
  const pick = <T>(list: readonly T[], salt: number): T => list[(i * 7919 + salt * 104_729) % list.length];
  const a = pick(LAB_NAMES, 1);
  let b = pick(LAB_NAMES, 2);
  if (b === a) b = LAB_NAMES[(LAB_NAMES.indexOf(a) + 3) % LAB_NAMES.length];
  return `${pick(OPENERS, 3)} ${pick(BODIES, 4).replaceAll('{a}', a).replaceAll('{b}', b)}${pick(CLOSERS, 5)}`.trim();
}
