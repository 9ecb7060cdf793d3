import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArgumentsHost } from '@nestjs/common';
import { BadRequestException, Logger } from '@nestjs/common';
import { InvalidParametersException } from './invalid-parameters.exception';
import type { ProblemDetails } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';

function render(exception: unknown): { status: number; type: string; body: ProblemDetails } {
  const sent = { status: 0, type: '', body: '' };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    type(value: string) {
      sent.type = value;
      return response;
    },
    send(text: string) {
      sent.body = text;
      return response;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/v1/sources?x=1', method: 'POST' }),
      getResponse: () => response,
    }),
  };
  new ProblemDetailsFilter().catch(exception, host as unknown as ArgumentsHost);
  return { status: sent.status, type: sent.type, body: JSON.parse(sent.body) as ProblemDetails };
}

// Found by the OpenAPI fuzz (issue 7): these 400s named nothing in `errors`.
test('every 400 names a parameter: bad JSON the body, an undecodable path the path', () => {
  const badJson = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
    status: 400,
    type: 'entity.parse.failed',
  });
  assert.deepEqual(render(badJson).body.errors, [{ parameter: '(body)', message: 'Unexpected end of JSON input' }]);
  const badPath = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 });
  assert.equal(render(badPath).body.errors?.[0].parameter, '(path)');
  assert.equal(render(new BadRequestException('nope')).body.errors?.[0].parameter, '(request)');
  assert.equal(
    render(InvalidParametersException.single('', 'property  should not exist')).body.errors?.[0].parameter,
    '""',
  );
});

test('413 and 415 from the body parser and the JSON-body check are problems with their own type', () => {
  const tooLarge = render(
    Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }),
  );
  assert.deepEqual(
    [tooLarge.status, tooLarge.body.type, tooLarge.body.errors],
    [413, '/problems/payload-too-large', undefined],
  );
  const unsupported = render(Object.assign(new Error('the request body must be application/json'), { status: 415 }));
  assert.deepEqual(
    [unsupported.status, unsupported.type, unsupported.body.type],
    [415, 'application/problem+json', '/problems/unsupported-media-type'],
  );
});

test('an unexpected error is a 500 that leaks nothing', () => {
  Logger.overrideLogger(false); // it is logged; not in this test's output
  const { status, body } = render(new Error('password=hunter2'));
  assert.equal(status, 500);
  assert.doesNotMatch(JSON.stringify(body), /hunter2/);
});
