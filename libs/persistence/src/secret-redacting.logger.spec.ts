import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretRedactingLogger } from './secret-redacting.logger';

test('a failed query never prints a webhook secret among its parameters', () => {
  const logger = new SecretRedactingLogger(['error']);
  const lines: string[] = [];
  const original = console.log;
  const originalError = console.error;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  console.error = console.log;
  try {
    logger.logQueryError('connection lost', 'INSERT INTO webhook_endpoints VALUES ($1, $2)', [
      'https://hooks.example.com/x',
      'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
    ]);
  } finally {
    console.log = original;
    console.error = originalError;
  }
  const text = lines.join('\n');
  assert.match(text, /hooks\.example\.com/);
  assert.match(text, /\[redacted\]/);
  assert.doesNotMatch(text, /whsec_/);
});
