import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidParametersException } from './invalid-parameters.exception';
import { MAX_INPUT_DEPTH, RequestInputPipe, ValidatesOwnText, findInputProblem } from './request-input.pipe';

// Each of these reached Postgres or class-transformer and came back a 500 (issue 7 fuzz).
test('NUL and unpaired surrogates are refused, naming the parameter', () => {
  assert.deepEqual(findInputProblem({ name: 'open\u0000ai' }, ''), {
    parameter: 'name',
    message: 'name must not contain NUL (U+0000)',
  });
  assert.equal(findInputProblem({ aliases: ['ok', 'x\ud800'] }, '')?.parameter, 'aliases[1]');
  assert.equal(findInputProblem('\udc00y', 'slug')?.parameter, 'slug');
  assert.equal(findInputProblem({ 'a\u0000b': 1 }, '')?.message, 'a field name must not contain NUL (U+0000)');
  // Paired surrogates (emoji), RTL overrides and combining marks are text like any other.
  assert.equal(findInputProblem({ name: '\ud83e\uddea \u202eevil e\u0301' }, ''), null);
});

test('prototype keys are refused even though class-transformer would drop them silently', () => {
  assert.equal(
    findInputProblem(JSON.parse('{"options":{"__proto__":{"polluted":1}}}'), '')?.parameter,
    'options.__proto__',
  );
  assert.equal(findInputProblem({ constructor: { prototype: {} } }, '')?.parameter, 'constructor');
});

test('nesting beyond the limit is refused without recursing', () => {
  const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  assert.match(findInputProblem({ zz: deep }, '')?.message ?? '', new RegExp(`more than ${MAX_INPUT_DEPTH} levels`));
  let ok: unknown = 1;
  for (let i = 0; i < MAX_INPUT_DEPTH - 1; i += 1) ok = { a: ok };
  assert.equal(findInputProblem(ok, ''), null);
});

test('the pipe throws a 400 naming the parameter, and leaves string checks to DTOs that do their own', () => {
  const pipe = new RequestInputPipe();
  assert.throws(
    () => pipe.transform('a\u0000', { type: 'param', data: 'id' }),
    (e: InvalidParametersException) => e.errors[0].parameter === 'id',
  );
  @ValidatesOwnText()
  class OwnChecks {}
  const body = { posts: [{ text: 'a\u0000' }] };
  assert.equal(pipe.transform(body, { type: 'body', metatype: OwnChecks }), body);
  assert.throws(() =>
    pipe.transform({ posts: [{ __proto__x: 1, ['__proto__']: 1 }] }, { type: 'body', metatype: OwnChecks }),
  );
});
