import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LABS } from './default-labs';
import { validateLabDefinition, validateLabDefinitions } from './lab-definition.validator';

test('the default catalogue is valid and has at least 12 labs with unique slugs', () => {
  assert.deepEqual(validateLabDefinitions(DEFAULT_LABS), []);
  assert.ok(DEFAULT_LABS.length >= 12);
  assert.equal(new Set(DEFAULT_LABS.map((d) => d.slug)).size, DEFAULT_LABS.length);
});

test('bad entries are reported field by field', () => {
  const good = DEFAULT_LABS[0];
  assert.deepEqual(validateLabDefinition(good), []);
  assert.ok(validateLabDefinition({ ...good, slug: 'Open AI' }).some((e) => e.startsWith('slug')));
  assert.ok(validateLabDefinition({ ...good, handles: ['OpenAI'] }).some((e) => e.startsWith('handles[0]')));
  assert.ok(validateLabDefinition({ ...good, aliases: ['---'] }).some((e) => e.startsWith('aliases[0]')));
  const badRegex = { ...good, ambiguous: [{ text: 'o1', kind: 'product', acceptSuffix: '(' }] };
  assert.ok(validateLabDefinition(badRegex).some((e) => e.includes('acceptSuffix')));
  assert.ok(
    validateLabDefinition({ ...good, ambiguous: [{ text: 'o1', kind: 'gadget' }] }).some((e) => e.includes('kind')),
  );
  assert.deepEqual(validateLabDefinition(null), ['a lab definition must be an object']);
  assert.ok(validateLabDefinitions([good, good]).includes('duplicate slug "openai"'));
});
