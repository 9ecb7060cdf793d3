import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Request, Response } from 'express';
import { requireJsonBody } from './json-body.middleware';

function run(headers: Record<string, string>): unknown {
  let passed: unknown = 'not called';
  requireJsonBody({ headers } as unknown as Request, {} as Response, (error?: unknown) => {
    passed = error;
  });
  return passed;
}

// A PATCH whose body was text/plain used to reach the handler as an empty, valid edit (issue 7 fuzz).
test('a body that is not application/json is a 415', () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json', '']) {
    const error = run({ 'content-length': '17', ...(type ? { 'content-type': type } : {}) }) as
      { status?: number } | undefined;
    assert.equal(error?.status, 415, type);
  }
  assert.equal(
    (run({ 'transfer-encoding': 'chunked', 'content-type': 'text/plain' }) as { status?: number }).status,
    415,
  );
});

test('JSON bodies, any charset parameter, and requests without a body pass', () => {
  assert.equal(run({ 'content-length': '2', 'content-type': 'application/json' }), undefined);
  assert.equal(run({ 'content-length': '2', 'content-type': 'Application/JSON; charset=utf-8' }), undefined);
  assert.equal(run({ 'content-type': 'text/plain' }), undefined);
  assert.equal(run({ 'content-length': '0', 'content-type': 'text/plain' }), undefined);
});
