import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileXQuery, XQuerySyntaxError, type XQueryCandidate } from './x-query.matcher';

const post = (text: string, extra: Partial<XQueryCandidate> = {}): XQueryCandidate => ({
  text,
  lang: 'en',
  username: 'priya',
  verified: false,
  isRetweet: false,
  isReply: false,
  isQuote: false,
  conversationId: '1',
  likes: 0,
  replies: 0,
  reposts: 0,
  ...extra,
});

describe('compileXQuery', () => {
  it('combines AND, OR, grouping, negation and phrases on token boundaries', () => {
    const match = compileXQuery('(OpenAI OR Anthropic) "model release" lang:en -is:retweet');
    assert.equal(match(post('Anthropic shipped a model release today')), true);
    assert.equal(match(post('anthropic MODEL RELEASE')), true);
    assert.equal(match(post('Anthropic model releases')), false);
    assert.equal(match(post('Anthropic model release', { isRetweet: true })), false);
    assert.equal(match(post('Anthropic model release', { lang: 'de' })), false);
    assert.equal(match(post('OpenAIish model release')), false);
  });

  it('gives AND precedence over OR and matches accents loosely', () => {
    const match = compileXQuery('apple OR iphone ipad');
    assert.equal(match(post('apple pie')), true);
    assert.equal(match(post('iphone only')), false);
    assert.equal(match(post('iphone and ipad')), true);
    assert.equal(compileXQuery('cafe')(post('Café tonight')), true);
  });

  it('supports from:, #hashtags, @mentions and min_likes:', () => {
    assert.equal(compileXQuery('from:Priya')(post('hello')), true);
    assert.equal(compileXQuery('#AI')(post('big day for #AI safety')), true);
    assert.equal(compileXQuery('#AI')(post('big day for AI safety')), false);
    assert.equal(compileXQuery('@OpenAI')(post('@openai please fix')), true);
    assert.equal(compileXQuery('min_likes:10')(post('x', { likes: 12 })), true);
  });

  it('rejects what X rejects', () => {
    assert.throws(() => compileXQuery('-(a OR b)'), XQuerySyntaxError);
    assert.throws(() => compileXQuery('lang:en'), /non-negation/);
    assert.throws(() => compileXQuery('-openai'), /non-negation/);
    assert.throws(() => compileXQuery('bogus:thing openai'), /invalid operator/);
    assert.throws(() => compileXQuery('(openai'), /missing \)/);
  });
});
