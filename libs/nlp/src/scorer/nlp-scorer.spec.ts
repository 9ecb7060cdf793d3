import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LABS } from '@labpulse/labs';
import { MODEL_VERSION } from '../model-version';
import { createScorer } from './create-scorer';

const scorer = createScorer(DEFAULT_LABS);
const stances = (text: string): Record<string, string> =>
  Object.fromEntries(scorer.score({ text }).mentions.map((m) => [m.lab, m.stance]));

test('"DeepSeek R1 matches OpenAI\'s o1 at a fraction of the cost": good for DeepSeek, bad for OpenAI', () => {
  assert.deepEqual(stances("DeepSeek R1 matches OpenAI's o1 at a fraction of the cost"), {
    deepseek: 'favor',
    openai: 'against',
  });
});

test('"Zuck says Llama 4 will lead" is about Meta, "my Gemini horoscope" about no lab', () => {
  assert.deepEqual(Object.keys(stances('Zuck says Llama 4 will lead')), ['meta-ai']);
  assert.deepEqual(scorer.score({ text: 'my Gemini horoscope' }).mentions, []);
});

test('comparisons give the two sides opposite stances, whichever side is named first', () => {
  assert.deepEqual(stances('Claude is way better than ChatGPT at writing'), { anthropic: 'favor', openai: 'against' });
  assert.deepEqual(stances("OpenAI's o1 is better than DeepSeek R1 for math"), {
    openai: 'favor',
    deepseek: 'against',
  });
  assert.deepEqual(stances('Llama 4 falls behind GPT-4o on every benchmark'), {
    'meta-ai': 'against',
    openai: 'favor',
  });
  assert.deepEqual(stances('Switched from ChatGPT to Claude and never looked back'), {
    openai: 'against',
    anthropic: 'favor',
  });
});

test('negation flips a comparison and a sentiment', () => {
  assert.deepEqual(stances("Gemini can't hold a candle to o3"), { 'google-deepmind': 'against', openai: 'favor' });
  assert.equal(scorer.score({ text: 'This phone is really good, I love it' }).sentiment.label, 'positive');
  assert.equal(scorer.score({ text: 'This phone is not good, I do not love it' }).sentiment.label, 'negative');
});

test('the AI-lab posts the old model misread: slang praise, slang put-downs, a sarcastic outage post', () => {
  const claude = scorer.score({
    text: 'Claude rewrote my whole 3k-line Django service in one go and every test is green. Anthropic cooked 🔥🔥',
  });
  assert.deepEqual(
    [claude.sentiment.label, claude.mentions.map((m) => [m.lab, m.stance])],
    ['positive', [['anthropic', 'favor']]],
  );
  assert.deepEqual(stances('Gemini 3 is mid tbh, Google keeps overpromising'), { 'google-deepmind': 'against' });
  const outage = scorer.score({ text: 'ChatGPT down again. Paying $20/mo for an error page. Great job OpenAI 👏' });
  assert.deepEqual(
    [outage.sentiment.label, outage.mentions.map((m) => [m.lab, m.stance])],
    ['negative', [['openai', 'against']]],
  );
});

test('a sarcasm marker turns literal praise into criticism', () => {
  const plain = scorer.score({ text: 'Oh great, ChatGPT is down again. Just what I needed' });
  const marked = scorer.score({ text: 'Great, ChatGPT is down again. Thanks a lot /s' });
  assert.equal(marked.mentions[0].stance, 'against');
  assert.ok(plain.mentions[0].score <= 0);
});

test('posts in other languages are counted but not scored as English', () => {
  for (const text of [
    'Gemini 2.5 Pro es increíble para programar, me encanta',
    'DeepSeek 的新模型非常好',
    'ChatGPT очень хороший помощник',
  ]) {
    const r = scorer.score({ text });
    assert.equal(r.scored, false, text);
    assert.notEqual(r.language, 'en');
    assert.deepEqual(r.sentiment, { label: 'neutral', score: 0, confidence: 0 });
    for (const m of r.mentions) assert.deepEqual([m.stance, m.score, m.confidence], ['neutral', 0, 0]);
  }
  assert.equal(
    scorer.score({ text: 'Gemini 2.5 Pro es increíble para programar, me encanta' }).mentions[0].lab,
    'google-deepmind',
  );
});

test('a declared language wins over detection; "und" and platform pseudo-codes fall back to detection', () => {
  assert.equal(scorer.score({ text: 'I love it', language: 'es' }).scored, false);
  assert.equal(scorer.score({ text: 'I love it', language: 'en-GB' }).scored, true);
  assert.equal(scorer.score({ text: 'I love it', language: 'und' }).language, 'en');
  assert.equal(scorer.score({ text: 'le chat est sur la table avec nous', language: null }).scored, false);
});

test('results are well-formed, bounded and repeatable', () => {
  const text = 'I love Claude but @OpenAI keeps failing 😡 #fail';
  const a = scorer.score({ text });
  assert.deepEqual(a, createScorer(DEFAULT_LABS).score({ text }));
  for (const s of [a.sentiment, ...a.mentions]) {
    assert.ok(s.score >= -1 && s.score <= 1);
    assert.ok(s.confidence >= 0 && s.confidence <= 1);
  }
  for (const m of a.mentions) assert.equal(text.slice(m.evidence.start, m.evidence.end), m.evidence.text);
  assert.equal(a.mentions.length, 2);
});

test('scoreTarget finds the target regardless of case and form, and says when it cannot', () => {
  assert.equal(scorer.scoreTarget('Windows-7 is amazing, best OS ever', 'windows 7').found, true);
  assert.equal(scorer.scoreTarget('I ate a pineapple', 'apple').found, false);
  assert.equal(scorer.scoreTarget('@apple your support is awful, worst experience', 'apple').label, 'negative');
});

test('MODEL_VERSION names the rules and the weights', () => {
  assert.match(MODEL_VERSION, /^labpulse-nlp-r\d+-w[0-9a-f]{12}$/);
  assert.equal(scorer.modelVersion, MODEL_VERSION);
});
