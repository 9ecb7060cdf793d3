import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LABS } from './default-labs';
import type { LabDefinition } from './lab-definition';
import { LabMatcher } from './lab-matcher';

const matcher = new LabMatcher(DEFAULT_LABS);
const labs = (text: string): string[] => matcher.match(text).map((m) => m.lab);

test('the issue examples resolve to the right labs', () => {
  assert.deepEqual(labs("DeepSeek R1 matches OpenAI's o1 at a fraction of the cost"), ['deepseek', 'openai']);
  assert.deepEqual(labs('Zuck says Llama 4 will lead'), ['meta-ai']);
  assert.deepEqual(labs('my Gemini horoscope'), []);
  assert.deepEqual(labs('Gemini 2.5 Pro is out'), ['google-deepmind']);
});

test('ambiguous names need evidence and yield to vetoes', () => {
  assert.deepEqual(labs('This meme is so meta'), []);
  assert.deepEqual(labs("Meta's new Llama model is open weights"), ['meta-ai']);
  assert.deepEqual(labs('We saw a llama at the petting zoo'), []);
  assert.deepEqual(labs('Got my O1 visa approved today'), []);
  assert.deepEqual(labs('o3-mini is good at math'), ['openai']);
  assert.deepEqual(labs('The mistral wind blew all night'), []);
  assert.deepEqual(labs('Mistral Large is a solid model'), ['mistral-ai']);
  assert.deepEqual(labs('Claude Monet painted water lilies'), []);
  assert.deepEqual(labs('I finally grok how monads work'), []);
  assert.deepEqual(labs('Grok 3 is surprisingly good'), ['xai']);
  assert.deepEqual(labs('XAI methods like SHAP explain predictions'), []);
  assert.deepEqual(labs('Google Maps sent me into a lake'), []);
  assert.deepEqual(labs("Google's new AI model tops the leaderboard"), ['google-deepmind']);
});

test('two AI names from different labs vouch for each other', () => {
  assert.deepEqual(labs('I love Claude but Gemini keeps crashing'), ['anthropic', 'google-deepmind']);
});

test('handles and hashtags count, names inside a user handle do not', () => {
  assert.deepEqual(labs('@OpenAI please bring back the old voice mode'), ['openai']);
  assert.deepEqual(labs('#ChatGPT wrote my cover letter'), ['openai']);
  assert.deepEqual(labs('@llama_lover_99 nice photo'), []);
});

test('spacing and punctuation variants of a term match, and evidence points into the text', () => {
  for (const text of ['gpt4o is fast', 'GPT 4o is fast', 'GPT-4o is fast'])
    assert.deepEqual(labs(text), ['openai'], text);
  const text = 'Honestly, Claude Code rocks';
  const [m] = matcher.match(text);
  assert.equal(m.lab, 'anthropic');
  const span = m.spans[0];
  assert.equal(text.slice(span.start, span.end), span.text);
  assert.deepEqual([span.start, span.text, span.kind, span.ambiguous], [10, 'Claude Code', 'product', false]);
});

test('one match per lab, spans in text order, overlapping handle and alias merged', () => {
  const ms = matcher.match('@OpenAI ChatGPT is down, OpenAI says');
  assert.equal(ms.length, 1);
  assert.deepEqual(
    ms[0].spans.map((s) => s.text),
    ['@OpenAI', 'ChatGPT', 'OpenAI'],
  );
});

test('the matcher is built from the definitions it is given, not from the defaults', () => {
  const custom: LabDefinition[] = [
    {
      slug: 'acme-ai',
      name: 'Acme AI',
      aliases: ['Acme AI'],
      products: ['RoadRunner-1'],
      people: [],
      handles: ['@acme'],
      hashtags: [],
      context: ['model'],
      ambiguous: [{ text: 'Coyote', kind: 'product', acceptSuffix: '^\\s*\\d' }],
    },
  ];
  const m = new LabMatcher(custom);
  assert.deepEqual(
    m.match('RoadRunner 1 beats everything').map((x) => x.lab),
    ['acme-ai'],
  );
  assert.deepEqual(
    m.match('Coyote 2 is out').map((x) => x.lab),
    ['acme-ai'],
  );
  assert.deepEqual(
    m.match('a coyote ran past').map((x) => x.lab),
    [],
  );
  assert.deepEqual(
    m.match('ChatGPT is down').map((x) => x.lab),
    [],
  );
  assert.deepEqual(new LabMatcher([]).match('OpenAI and Anthropic'), []);
});

test('definitions survive a JSON round trip (as stored in the database)', () => {
  const copy = JSON.parse(JSON.stringify(DEFAULT_LABS)) as LabDefinition[];
  const text = 'Gemini 2.5 Pro beats GPT-4o; Zuck is sad';
  assert.deepEqual(new LabMatcher(copy).match(text), matcher.match(text));
});

test('a capitalised product name counts on sight unless a veto says otherwise (how people write about them)', () => {
  assert.deepEqual(labs('Claude is slow today'), ['anthropic']);
  assert.deepEqual(labs('paying for Gemini was a mistake'), ['google-deepmind']);
  assert.deepEqual(labs('Copilot keeps suggesting garbage'), ['microsoft-ai']);
  assert.deepEqual(labs('my cat is called Claude and he hates mornings'), []);
  assert.deepEqual(labs('such a Gemini thing to do: three hobbies, zero finished, astrology was right'), []);
  assert.deepEqual(labs('claude monet painted haystacks'), []);
  assert.deepEqual(labs('the co-pilot announced we are landing early'), []);
});

test('names written inside unspaced scripts are found (one atom per Han, kana or Hangul character)', () => {
  assert.deepEqual(labs('NVIDIAの決算、また予想超え'), ['nvidia']);
  assert.deepEqual(labs('英伟达的芯片又涨价了'), ['nvidia']);
  assert.deepEqual(labs('챗GPT한테 엑셀 수식 물어봤는데'), ['openai']);
  assert.deepEqual(labs('딥시크 써봤는데 한국어는 아직'), ['deepseek']);
});

test('labs of the second catalogue are found, and their people stand for them', () => {
  assert.deepEqual(labs('Stable Diffusion 3.5 renders hands fine now'), ['stability-ai']);
  assert.deepEqual(labs('Mira Murati says Tinker is open to everyone'), ['thinking-machines-lab']);
  assert.deepEqual(labs('Jensen Huang just announced Blackwell Ultra'), ['nvidia']);
  assert.deepEqual(labs('Ilya Sutskever says scaling is over'), ['safe-superintelligence']);
  assert.deepEqual(labs('Apple Intelligence still cannot summarise my texts'), ['apple']);
  assert.deepEqual(labs('apple pie with my grandma'), []);
  assert.deepEqual(labs('SSI disability payments were delayed again'), []);
});

test('product words make a bare lower-case "claude", "gemini", "mistral" or a bare "Llama" the AI product; other senses stay out', () => {
  assert.deepEqual(labs('claude subscription renewed, still worth it'), ['anthropic']);
  assert.deepEqual(labs('gemini pricing changed again'), ['google-deepmind']);
  assert.deepEqual(labs('Llama update broke half my scripts'), ['meta-ai']);
  assert.deepEqual(labs('mistral free tier is generous'), ['mistral-ai']);
  // Without a product word, a bare lower-case name or "Llama" stays unattributed.
  assert.deepEqual(labs('llama is the best'), []);
  // Vetoes still win over product words: the animal, the wind, the painter.
  assert.deepEqual(labs('the llama farm raised its prices for petting sessions'), []);
  assert.deepEqual(labs('the mistral wind keeps knocking the ski lift out: another weather update'), []);
  assert.deepEqual(labs('Claude Monet prices at auction keep climbing'), []);
});
