import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidSourceError } from '../connector-errors';
import type { SourceCursor } from '../source-connector';
import { MAX_LINE_BYTES } from './jsonl-file-reader';
import { JsonlImportConnector } from './jsonl-import.connector';

const dir = mkdtempSync(join(tmpdir(), 'labpulse-import-'));

function line(id: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    platform: 'x',
    id: String(id),
    author: 'a',
    text: `post ${id}`,
    created_at: '2026-11-01T10:00:00Z',
    ...extra,
  });
}

function file(name: string, content: string): { kind: 'import'; target: string; options: Record<string, never> } {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { kind: 'import', target: path, options: {} };
}

async function readAll(connector: JsonlImportConnector, source: ReturnType<typeof file>) {
  const ids: string[] = [];
  const rejected: string[] = [];
  let cursor: SourceCursor = null;
  for (let page = 0; page < 100; page++) {
    const result = await connector.fetchPage(source, cursor);
    ids.push(...result.posts.map((p) => p.externalId));
    rejected.push(...(result.rejected ?? []).map((r) => `${r.location}: ${r.reason}`));
    cursor = result.cursor;
    if (!result.hasMore) break;
  }
  return { ids, rejected, cursor };
}

test('pages through a file, resuming from the byte offset, with CRLF and blank lines', async () => {
  const source = file('crlf.jsonl', [line(1), '', line(2), line(3), line(4), line(5)].join('\r\n'));
  const { ids, cursor } = await readAll(new JsonlImportConnector(2), source);
  assert.deepEqual(ids, ['1', '2', '3', '4', '5']);
  assert.deepEqual(cursor, {
    offset: Buffer.byteLength([line(1), '', line(2), line(3), line(4), line(5)].join('\r\n')),
    line: 7,
  });
});

test('a bad line is rejected with its number and field; the others are kept', async () => {
  const source = file(
    'bad.jsonl',
    [
      line(1),
      '{not json',
      line(3, { created_at: 'yesterday' }),
      line(4, { platform: 'myspace' }),
      line(5, { engagement: { likes: -1 } }),
      line(6, { colour: 'red' }),
      line(7),
    ].join('\n') + '\n',
  );
  const { ids, rejected } = await readAll(new JsonlImportConnector(3), source);
  assert.deepEqual(ids, ['1', '7']);
  assert.equal(rejected.length, 5);
  assert.match(rejected[0], /^line 2: not valid JSON/);
  assert.match(rejected[1], /^line 3: created_at: must be an ISO 8601 timestamp/);
  assert.match(rejected[2], /^line 4: platform: /);
  assert.match(rejected[3], /^line 5: engagement\.likes: /);
  assert.match(rejected[4], /^line 6: unknown field colour/);
});

test('timestamps with offsets are read as the instant they name', async () => {
  const source = file('tz.jsonl', line(1, { created_at: '2026-11-01T12:30:00+0200' }));
  const result = await new JsonlImportConnector(10).fetchPage(source, null);
  assert.equal(result.posts[0].createdAt.toISOString(), '2026-11-01T10:30:00.000Z');
  assert.equal(result.hasMore, false);
});

test('an over-long line is rejected and reading goes on after it', async () => {
  const huge = line(2, { text: 'x'.repeat(MAX_LINE_BYTES + 10) });
  const source = file('long.jsonl', [line(1), huge, line(3)].join('\n'));
  const { ids, rejected } = await readAll(new JsonlImportConnector(10), source);
  assert.deepEqual(ids, ['1', '3']);
  assert.deepEqual(rejected, [`line 2: line longer than ${MAX_LINE_BYTES} bytes`]);
});

test('a missing file is an invalid source, not a crash', async () => {
  await assert.rejects(
    new JsonlImportConnector(10).fetchPage({ kind: 'import', target: join(dir, 'nope.jsonl'), options: {} }, null),
    InvalidSourceError,
  );
});
