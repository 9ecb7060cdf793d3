import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InvalidSourceError } from './connector-errors';
import { PLATFORM_SOURCE_KINDS, validateSource } from './connector-factory';
import { readFacebookPageOptions } from './facebook/facebook-page.connector';
import { readLinkedInOrgOptions } from './linkedin/linkedin-org.connector';
import { SOURCE_OPTIONS } from './source-option-catalogue';
import { readXSearchOptions } from './x/x-search.connector';

const READERS = {
  x_search: readXSearchOptions,
  facebook_page: readFacebookPageOptions,
  linkedin_org: readLinkedInOrgOptions,
};
const TARGETS = {
  x_search: 'OpenAI lang:en',
  facebook_page: '104958162837',
  linkedin_org: 'urn:li:organization:2414183',
};

test('the catalogue lists exactly the options each connector reads', () => {
  for (const kind of PLATFORM_SOURCE_KINDS) {
    const read = new Set<string>();
    // Record every key the reader looks up on an empty options object.
    READERS[kind](new Proxy({}, { get: (_t, key) => (read.add(String(key)), undefined) }));
    assert.deepEqual([...read].sort(), SOURCE_OPTIONS[kind].map((o) => o.name).sort(), kind);
    for (const option of SOURCE_OPTIONS[kind]) {
      // A value no reader accepts: the error names the option, so the key really is read.
      assert.throws(
        () => validateSource({ kind, target: TARGETS[kind], options: { [option.name]: '%%' } }),
        new RegExp(`^InvalidSourceError: option ${option.name} `),
      );
    }
  }
});

test('an unknown option key is refused, naming it and the options of the kind', () => {
  assert.throws(
    () => validateSource({ kind: 'x_search', target: 'OpenAI', options: { pagesize: 50 } }),
    (e: unknown) =>
      e instanceof InvalidSourceError &&
      /^option pagesize is not an option of x_search \(did you mean pageSize\?\); its options are archive, pageSize, startTime, endTime$/.test(
        e.message,
      ),
  );
  assert.throws(
    () => validateSource({ kind: 'linkedin_org', target: '1', options: { edge: 'feed' } }),
    /option edge is not an option of linkedin_org/,
  );
  validateSource({
    kind: 'facebook_page',
    target: '1',
    options: { edge: 'feed', comments: false, maxTrackedPosts: 10 },
  });
});

test('README and docs/sources.md name every option of every kind', () => {
  const readme = readFileSync('README.md', 'utf8');
  const doc = readFileSync('docs/sources.md', 'utf8');
  for (const kind of PLATFORM_SOURCE_KINDS) {
    const readmeLine = readme.split('\n').find((line) => line.startsWith(`- \`${kind}\`: `)) ?? '';
    const docSection = doc.split(/^## /m).find((section) => section.startsWith(`\`${kind}\``)) ?? '';
    for (const { name } of SOURCE_OPTIONS[kind]) {
      assert.ok(readmeLine.includes(`\`${name}\``), `README lists ${kind} option ${name}`);
      // A table row whose first cell is the option (Prettier pads the cells).
      assert.match(
        docSection,
        new RegExp(`^\\| \`${name}\` +\\|`, 'm'),
        `docs/sources.md documents ${kind} option ${name}`,
      );
    }
  }
});
