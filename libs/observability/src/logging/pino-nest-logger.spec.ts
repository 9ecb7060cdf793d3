import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { runWithLogger } from './log-context';
import { PinoNestLogger } from './pino-nest-logger';
import { createRootLogger } from './root-logger';

function capture(level: 'info' | 'debug' = 'info', secrets: string[] = []) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((l) => l.length > 0),
      );
      done();
    },
  });
  const root = createRootLogger({ level, secrets, destination });
  return {
    root,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    raw: () => lines.join('\n'),
  };
}

test('Nest logger calls come out as one JSON line each, with context and level name', () => {
  const { root, records } = capture();
  const nest = new PinoNestLogger(root);
  nest.log('started', 'Worker');
  nest.warn('slow', 'PollService');
  nest.debug('hidden at info', 'X');
  nest.error('boom', 'Error: boom\n    at somewhere (file.ts:1:1)', 'Api');
  const out = records();
  assert.equal(out.length, 3);
  assert.deepEqual(
    out.map((r) => [r.level, r.context, r.msg]),
    [
      ['info', 'Worker', 'started'],
      ['warn', 'PollService', 'slow'],
      ['error', 'Api', 'boom'],
    ],
  );
  assert.match(String(out[2].stack), /at somewhere/);
  assert.match(String(out[0].time), /^\d{4}-\d\d-\d\dT/);
});

test('lines logged inside a request or job carry its ids', async () => {
  const { root, records } = capture();
  const nest = new PinoNestLogger(root);
  await runWithLogger(root.child({ queue: 'score', jobId: '42' }), async () => {
    await new Promise((resolve) => setImmediate(resolve));
    nest.log('scored', 'ScoreService');
  });
  runWithLogger(root.child({ reqId: 'req-1' }), () => nest.warn('refused', 'ApiKeys'));
  nest.log('outside', 'Worker');
  const [job, request, outside] = records();
  assert.equal(job.queue, 'score');
  assert.equal(job.jobId, '42');
  assert.equal(request.reqId, 'req-1');
  assert.equal(outside.reqId, undefined);
  assert.equal(outside.jobId, undefined);
});

test('secrets never reach a line: keys, webhook secrets, bearer values, platform tokens, secret fields', () => {
  const key = `lp_AbCdEfGh${'x'.repeat(35)}`;
  const { root, raw, records } = capture('info', ['platform-token-123']);
  const nest = new PinoNestLogger(root);
  nest.warn(`key ${key} refused`, 'ApiKeys');
  nest.log('signing with whsec_c2VjcmV0IHNlY3JldA== now', 'Deliver');
  nest.log('upstream said: Authorization: Bearer abc.def-123 failed', 'Poll');
  nest.log('GET https://graph.facebook.com/v25.0/1/posts?access_token=EAAB123&limit=5 failed', 'Poll');
  nest.log('x rejected platform-token-123', 'Poll');
  root.info(
    { req: { headers: { authorization: 'Bearer lp_zzz' } }, webhook: { secret: 'whsec_zzz' } },
    'object fields',
  );
  const text = raw();
  for (const secret of [
    key,
    'c2VjcmV0IHNlY3JldA',
    'abc.def-123',
    'EAAB123',
    'platform-token-123',
    'lp_zzz',
    'whsec_zzz',
  ]) {
    assert.ok(!text.includes(secret), `${secret} is not logged`);
  }
  assert.match(text, /lp_AbCdEfGh…\[redacted\]/, 'the key prefix stays, to tell keys apart');
  assert.equal(records().length, 6);
});

test('errors and stack traces are scrubbed too; a stack without a context is not taken for one', () => {
  const { root, raw, records } = capture('info', ['platform-token-123']);
  const nest = new PinoNestLogger(root);
  nest.error(new Error('upstream echoed platform-token-123'), 'Poll');
  nest.error('request failed', 'Error: Bearer abc.def\n    at handler (api.ts:1:1)');
  const [first, second] = records();
  assert.equal(first.context, 'Poll');
  assert.equal(second.context, undefined);
  assert.match(String(second.stack), /at handler/);
  assert.ok(!raw().includes('platform-token-123') && !raw().includes('abc.def'));
});

test('secrets in extra arguments and in a logged request URL are scrubbed too', () => {
  const key = `lp_AbCdEfGh${'y'.repeat(35)}`;
  const { root, raw, records } = capture('info', ['platform-token-456']);
  new PinoNestLogger(root).warn(
    'poll failed',
    { token: 'platform-token-456', nested: [{ note: `sent ${key}` }] },
    'Poll',
  );
  root.info({ req: { method: 'GET', url: `/v1/trends?key=${key}&labs=openai` } }, 'request completed');
  const text = raw();
  for (const secret of ['platform-token-456', key]) assert.ok(!text.includes(secret), `${secret} is not logged`);
  const [, request] = records();
  assert.match(
    String((request.req as { url: string }).url),
    /^\/v1\/trends\?key=lp_AbCdEfGh…\[redacted\]&labs=openai$/,
  );
});
