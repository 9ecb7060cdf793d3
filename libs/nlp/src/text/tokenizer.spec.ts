import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, TokenKind } from './tokenizer';

const norms = (text: string): string[] => tokenize(text).map((t) => (t.neg ? `!${t.norm}` : t.norm));

test('negation marks the following words up to punctuation or a contrast word', () => {
  assert.deepEqual(norms("it isn't very good, but fine"), ['it', "isn't", '!very', '!good', ',', 'but', 'fine']);
  assert.deepEqual(norms('not good but great'), ['not', '!good', 'but', 'great']);
});

test('handles, URLs, hashtags, emoticons, emoji and numbers are normalised', () => {
  const tokens = tokenize('@sama SOOOO good :) 😍 #AI v2.5 http://t.co/x');
  assert.deepEqual(
    tokens.map((t) => t.norm),
    ['@user', 'soo', 'good', ':)', '😍', '#ai', 'v2', '.', '<num>', '<url>'],
  );
  assert.equal(tokens[1].caps, true);
  assert.equal(tokens[1].elongated, true);
  assert.equal(tokens[3].kind, TokenKind.Emoticon);
  assert.equal(tokens[4].kind, TokenKind.Emoji);
});

test('offsets point into the original text', () => {
  const text = 'Claude’s answer was   great!!!';
  for (const t of tokenize(text)) assert.ok(t.end > t.start && text.slice(t.start, t.end).length === t.end - t.start);
  assert.deepEqual(norms(text), ["claude's", 'answer', 'was', 'great', '!!']);
});
