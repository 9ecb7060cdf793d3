import { randomUUID } from 'node:crypto';
import {
  BAD_NUMBERS_JSON,
  BAD_NUMBER_STRINGS,
  BAD_STRINGS,
  LONG_BODY_STRINGS,
  pick,
  randomTrickyString,
} from './fuzz-values';

/**
 * Turns an OpenAPI document plus one valid request per operation (a fixture) into malformed
 * requests. Each case says what the API must do with it:
 *   reject        definitely invalid (wrong type, missing, out of range, unknown field, bad JSON): a 4xx
 *   maybe         odd but possibly valid (a free-text field full of emoji): anything but a 5xx
 *   unauthorized  a missing or bad key: a 401
 *   forbidden     a read key on an admin route: a 403
 */

export interface Schema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        security?: unknown[];
        description?: string;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  /** `PATCH /v1/sources/{id}` */
  key: string;
  method: string;
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: Schema | null;
  access: 'public' | 'read' | 'admin';
}

/** One valid request: existing targets, the required query, a body the API would accept. */
export interface OperationFixture {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** Body paths required beyond what the schema says (dotted, array items as 0). */
  required?: string[];
  /** Body paths of free-form maps, where any key and any scalar is allowed. */
  maps?: string[];
}

export type Expectation = 'reject' | 'maybe' | 'unauthorized' | 'forbidden';

export interface FuzzCase {
  op: string;
  label: string;
  method: string;
  /** Already encoded, as sent. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: Expectation;
}

export interface FuzzKeys {
  admin: string;
  read: string;
  revoked: string;
}

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

const cursorOf = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** Well-formed cursors holding values no database column can (issue 16: each was a 500). */
const FORGED_CURSORS: ReadonlyArray<readonly [string, string]> = [
  ['seq past int8', cursorOf('s:9223372036854775808')],
  ['seq of 19 nines', cursorOf('s:9999999999999999999')],
  ['page key on February 30', cursorOf(['2026-02-30T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])],
  ['page key in month 13', cursorOf(['2026-13-01T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])],
  ['post key 1e999', cursorOf({ q: 'x', k: '1e999', i: '1' })],
  ['post id past int8', cursorOf({ q: 'x', k: '1', i: '9223372036854775808' })],
  ['a JSON number', cursorOf('1e999')],
];
const ODD_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-20T24:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
];

export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const access =
        Array.isArray(op.security) && op.security.length === 0
          ? 'public'
          : /`admin`/.test(op.description ?? '')
            ? 'admin'
            : 'read';
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: bodySchema ? resolve(doc, bodySchema) : null,
        access,
      });
    }
  }
  return operations;
}

/** What an operation needs from a fixture before it can be fuzzed with real targets. */
export function missingFixture(op: Operation, fixture: OperationFixture | undefined): string | null {
  const path = op.pathParams.filter((p) => fixture?.path?.[p.name] === undefined).map((p) => p.name);
  if (path.length > 0) return `no valid value for path parameter(s) ${path.join(', ')}`;
  const query = op.queryParams.filter((p) => p.required && fixture?.query?.[p.name] === undefined).map((p) => p.name);
  if (query.length > 0) return `no valid value for required query parameter(s) ${query.join(', ')}`;
  if (op.body && !fixture?.body) return 'no valid body';
  return null;
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return resolve(doc, doc.components?.schemas?.[name] ?? {});
  }
  const out: Schema = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v)]));
  if (schema.items) out.items = resolve(doc, schema.items);
  if (schema.allOf?.length === 1) return { ...resolve(doc, schema.allOf[0]), ...out, allOf: undefined };
  return out;
}

/** encodeURIComponent that also writes lone surrogates (as the invalid UTF-8 a sloppy client would send). */
export function encodeLoose(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16).toUpperCase()}%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

type BodyPath = Array<string | number>;

// A raw JSON token (1e400, NaN-free overflow) placed where JSON.stringify cannot write it.
const RAW_MARK = '__fuzz_raw__';

function raw(text: string): string {
  return `${RAW_MARK}${text}${RAW_MARK}`;
}

function toJson(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${RAW_MARK}(.*?)${RAW_MARK}"`, 'g'), '$1');
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function setAt(root: unknown, path: BodyPath, value: unknown, remove = false): unknown {
  const copy = clone(root);
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    // defineProperty, so '__proto__' becomes an own key that JSON.stringify writes.
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function leafPaths(value: unknown, path: BodyPath = [], depth = 0): BodyPath[] {
  if (depth >= 4 || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.length > 0
      ? [[0, value[0]]]
      : []
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...path, k], ...leafPaths(v, [...path, k], depth + 1)]);
}

function objectPaths(value: unknown, path: BodyPath = [], depth = 0): BodyPath[] {
  if (depth >= 4 || value === null || typeof value !== 'object') return [];
  const own = Array.isArray(value) ? [] : [path];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.length > 0
      ? [[0, value[0]]]
      : []
    : Object.entries(value);
  return [...own, ...entries.flatMap(([k, v]) => objectPaths(v, [...path, k], depth + 1))];
}

function schemaAt(schema: Schema | null, path: BodyPath): Schema | undefined {
  let node: Schema | undefined = schema ?? undefined;
  for (const step of path) {
    if (!node) return undefined;
    node =
      typeof step === 'number'
        ? node.items
        : (node.properties?.[step] ??
          (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
  }
  return node;
}

function dotted(path: BodyPath): string {
  return path.map(String).join('.');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const WRONG_TYPES: Record<string, Array<[string, unknown]>> = {
  string: [
    ['number', 12345],
    ['boolean', true],
    ['object', { a: 1 }],
    ['array', ['a']],
  ],
  number: [
    ['numeric string', '7'],
    ['boolean', false],
    ['object', {}],
    ['array', [1]],
  ],
  boolean: [
    ['string', 'true'],
    ['number', 1],
    ['object', {}],
    ['array', [true]],
  ],
  array: [
    ['string', 'x'],
    ['object', { 0: 'x' }],
    ['number', 1],
  ],
  object: [
    ['string', 'x'],
    ['array', []],
    ['number', 1],
  ],
};

export class RequestGenerator {
  constructor(
    private readonly rng: () => number,
    private readonly keys: FuzzKeys,
  ) {}

  generate(op: Operation, fixture: OperationFixture): FuzzCase[] {
    return [
      ...this.authCases(op, fixture),
      ...this.headerCases(op, fixture),
      ...this.pathCases(op, fixture),
      ...this.queryCases(op, fixture),
      ...this.bodyCases(op, fixture),
      ...this.hostileCases(op, fixture),
    ];
  }

  /**
   * Issue 16's shapes: forged cursors (impossible values in a well-formed cursor), floods of values
   * and huge arrays, null in every optional field the fixture leaves out (`"secret": null` was a 500),
   * and impossible or out-of-range dates.
   */
  private hostileCases(op: Operation, fixture: OperationFixture): FuzzCase[] {
    const cases: FuzzCase[] = [];
    const base = fixture.query ?? {};
    for (const param of op.queryParams) {
      const others = encodeQuery(Object.fromEntries(Object.entries(base).filter(([k]) => k !== param.name)));
      const q = (value: string): string =>
        [others, `${encodeURIComponent(param.name)}=${encodeURIComponent(value)}`].filter(Boolean).join('&');
      if (param.name === 'cursor') {
        for (const [label, value] of FORGED_CURSORS)
          cases.push(this.build(op, fixture, `query cursor: forged, ${label}`, 'reject', { query: q(value) }));
      }
      if (param.name === 'from' || param.name === 'to') {
        for (const date of ODD_DATES)
          cases.push(this.build(op, fixture, `query ${param.name}: odd date ${date}`, 'maybe', { query: q(date) }));
      }
    }
    if (!WRITE_METHODS.has(op.method.toLowerCase()) || !fixture.body) return cases;
    const send = (label: string, expect: Expectation, body: string): void => {
      cases.push(this.build(op, fixture, label, expect, { body }));
    };
    send('body: 150,000 empty objects', 'reject', toJson({ ...fixture.body, zzFlood: new Array(150_000).fill({}) }));
    for (const path of leafPaths(fixture.body)) {
      const current = path.reduce<unknown>(
        (node, step) => (node as Record<string | number, unknown>)[step],
        fixture.body,
      );
      if (Array.isArray(current))
        send(
          `body ${dotted(path)}: 1,200,000 items`,
          'reject',
          toJson(setAt(fixture.body, path, new Array(1_200_000).fill(1))),
        );
      if (typeof current === 'string' && /(^|_)(at|date|from|to)$/i.test(String(path[path.length - 1]))) {
        for (const date of ODD_DATES)
          send(`body ${dotted(path)}: odd date ${date}`, 'maybe', toJson(setAt(fixture.body, path, date)));
      }
    }
    for (const name of Object.keys(op.body?.properties ?? {})) {
      if (!(name in fixture.body))
        send(`body ${name}: null (a field the fixture leaves out)`, 'maybe', toJson({ ...fixture.body, [name]: null }));
    }
    return cases;
  }

  /** Negotiation and caching headers on reads: odd ones may be ignored or refused (406), never a 5xx. */
  private headerCases(op: Operation, fixture: OperationFixture): FuzzCase[] {
    if (op.method !== 'GET') return [];
    const odd: Array<[string, string]> = [
      ['accept', 'application/xml'],
      ['accept', 'text/csv;q=0, application/json;q=0'],
      ['accept', '*/*;q=abc, text/csv;q=1e309'],
      ['accept', `text/${'a'.repeat(4_000)}`],
      ['accept', 'é/ÿ'],
      ['if-none-match', 'W/"garbage"'],
      ['if-none-match', '*'],
      ['if-none-match', `"${'x'.repeat(4_000)}"`],
      ['if-modified-since', 'yesterday'],
      ['accept-encoding', 'gzip;q=abc, br;q=-1, zstd'],
      ['range', 'bytes=999999999-'],
    ];
    return odd.map(([name, value]) => {
      const c = this.build(op, fixture, `header ${name}: ${value.slice(0, 40)}`, 'maybe', {});
      return { ...c, headers: { ...c.headers, [name]: value } };
    });
  }

  /** The fixture request itself, with the admin key (for GETs: it must succeed, or the targets are wrong). */
  valid(op: Operation, fixture: OperationFixture): FuzzCase {
    return this.build(op, fixture, 'the valid fixture request', 'maybe', {});
  }

  private build(
    op: Operation,
    fixture: OperationFixture,
    label: string,
    expect: Expectation,
    change: {
      path?: Record<string, string>;
      query?: string;
      body?: string | null;
      contentType?: string | null;
      authorization?: string | null;
    },
  ): FuzzCase {
    let path = op.path;
    for (const param of op.pathParams) {
      const value = change.path?.[param.name] ?? encodeLoose(fixture.path?.[param.name] ?? '');
      path = path.replace(`{${param.name}}`, value);
    }
    const query = change.query ?? encodeQuery(fixture.query ?? {});
    if (query) path += `?${query}`;
    const headers: Record<string, string> = {};
    const authorization =
      change.authorization === undefined
        ? op.access === 'public'
          ? null
          : `Bearer ${this.keys.admin}`
        : change.authorization;
    if (authorization !== null) headers.authorization = authorization;
    const body =
      change.body === undefined ? (fixture.body ? toJson(fixture.body) : undefined) : (change.body ?? undefined);
    const contentType =
      change.contentType === undefined ? (body !== undefined ? 'application/json' : null) : change.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    return { op: op.key, label, method: op.method, path, headers, body, expect };
  }

  private authCases(op: Operation, fixture: OperationFixture): FuzzCase[] {
    if (op.access === 'public') return [];
    const admin = this.keys.admin;
    const lastChar = admin.slice(-1) === 'A' ? 'B' : 'A';
    const lookalike = `lp_${Array.from({ length: admin.length - 3 }, () => pick(this.rng, [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'])).join('')}`;
    const bad: Array<[string, string | null]> = [
      ['no Authorization header', null],
      ['Basic credentials', 'Basic dXNlcjpwYXNz'],
      ['Bearer without a key', 'Bearer'],
      ['Bearer with a bare prefix', 'Bearer lp_'],
      ['an unknown well-formed key', `Bearer ${lookalike}`],
      ['the admin key with its last character changed', `Bearer ${admin.slice(0, -1)}${lastChar}`],
      ['the admin key truncated', `Bearer ${admin.slice(0, 12)}`],
      ['a revoked key', `Bearer ${this.keys.revoked}`],
      ['the admin key with trailing junk', `Bearer ${admin} extra`],
      ['a 4k-character key', `Bearer lp_${'A'.repeat(4_000)}`],
      ['a latin-1 key', 'Bearer lp_\u00e9\u00ff\u00a0'],
      ['the key as a token68 with padding', `Bearer ${admin}==`],
    ];
    const cases = bad.map(([label, authorization]) =>
      this.build(op, fixture, `auth: ${label}`, 'unauthorized', { authorization }),
    );
    // The key in the query string is not a credential.
    const query = [encodeQuery(fixture.query ?? {}), `api_key=${encodeURIComponent(admin)}`].filter(Boolean).join('&');
    cases.push(
      this.build(op, fixture, 'auth: key in the query string only', 'unauthorized', { authorization: null, query }),
    );
    if (op.access === 'admin')
      cases.push(
        this.build(op, fixture, 'auth: a read key on an admin route', 'forbidden', {
          authorization: `Bearer ${this.keys.read}`,
        }),
      );
    return cases;
  }

  private pathCases(op: Operation, fixture: OperationFixture): FuzzCase[] {
    const write = WRITE_METHODS.has(op.method.toLowerCase());
    const cases: FuzzCase[] = [];
    for (const param of op.pathParams) {
      const values: Array<[string, string]> = [
        ...BAD_STRINGS.map(([label, value]) => [label, encodeLoose(value)] as [string, string]),
        ['an unknown uuid', randomUUID()],
        ['the nil uuid', '00000000-0000-0000-0000-000000000000'],
        ['a uuid with a suffix', `${fixture.path?.[param.name] ?? ''}x`],
        ['raw encoded traversal', '..%2F..%2F..%2Fpackage.json'],
        ['raw dot segments', '%2e%2e'],
        ['raw NUL', '%00'],
        ['malformed percent encoding', '%E0%A4%A'],
        ['overlong UTF-8', '%C0%AF'],
        ['random', encodeLoose(randomTrickyString(this.rng))],
        ['random', encodeLoose(randomTrickyString(this.rng))],
      ];
      if (!write) values.push(['the id in upper case', encodeLoose((fixture.path?.[param.name] ?? '').toUpperCase())]);
      for (const [label, value] of values) {
        cases.push(
          this.build(op, fixture, `path ${param.name}: ${label}`, write ? 'reject' : 'maybe', {
            path: { [param.name]: value },
          }),
        );
      }
    }
    return cases;
  }

  private queryCases(op: Operation, fixture: OperationFixture): FuzzCase[] {
    const base = fixture.query ?? {};
    const write = WRITE_METHODS.has(op.method.toLowerCase());
    const cases: FuzzCase[] = [];
    const withQuery = (label: string, expect: Expectation, query: string): void => {
      cases.push(this.build(op, fixture, label, expect, { query }));
    };
    for (const param of op.queryParams) {
      const schema = param.schema ?? {};
      const others = encodeQuery(Object.fromEntries(Object.entries(base).filter(([k]) => k !== param.name)));
      const q = (encodedValue: string): string =>
        [others, `${encodeURIComponent(param.name)}=${encodedValue}`].filter(Boolean).join('&');
      if (param.required) withQuery(`query ${param.name}: missing`, 'reject', others);
      if (schema.type === 'integer' || schema.type === 'number') {
        for (const value of BAD_NUMBER_STRINGS)
          withQuery(
            `query ${param.name}: ${JSON.stringify(value)}`,
            numberViolates(schema, value) ? 'reject' : 'maybe',
            q(encodeLoose(value)),
          );
      }
      if (schema.enum) {
        const first = String(schema.enum[0]);
        for (const value of ['bogus', first.toUpperCase(), `${first} `, `${first},${first}`]) {
          if (!schema.enum.includes(value))
            withQuery(`query ${param.name}: ${JSON.stringify(value)}`, 'reject', q(encodeLoose(value)));
        }
      }
      const typed = schema.enum !== undefined || schema.type === 'integer' || schema.type === 'number';
      const strings: Array<readonly [string, string]> = [
        ...BAD_STRINGS,
        ['random', randomTrickyString(this.rng)],
        ['random', randomTrickyString(this.rng)],
      ];
      for (const [label, value] of strings) {
        const expect = schema.enum
          ? schema.enum.includes(value)
            ? 'maybe'
            : 'reject'
          : typed && numberViolates(schema, value)
            ? 'reject'
            : 'maybe';
        withQuery(`query ${param.name}: ${label}`, expect, q(encodeLoose(value)));
      }
      const valid = base[param.name] ?? String((schema.enum?.[0] as string | number | undefined) ?? 'x');
      withQuery(
        `query ${param.name}: repeated`,
        'maybe',
        `${q(encodeURIComponent(valid))}&${encodeURIComponent(param.name)}=${encodeURIComponent(valid)}`,
      );
      withQuery(
        `query ${param.name}: bracket array form`,
        'maybe',
        [others, `${encodeURIComponent(param.name)}[]=${encodeURIComponent(valid)}`].filter(Boolean).join('&'),
      );
      withQuery(
        `query ${param.name}: bracket object form`,
        'maybe',
        [others, `${encodeURIComponent(param.name)}[__proto__][polluted]=yes`].filter(Boolean).join('&'),
      );
      for (const rawValue of ['%ZZ', '%ED%A0%80', '%C0%AF', '%00', '%0D%0AX-Injected:%20yes']) {
        withQuery(`query ${param.name}: raw ${rawValue}`, typed ? 'reject' : 'maybe', q(rawValue));
      }
    }
    // Unknown parameters on routes that take a query; body-less writes ignore queries, so a
    // "maybe" there would only run the write.
    if (!write || op.queryParams.length > 0) {
      const own = encodeQuery(base);
      for (const extra of [
        'zzUnknown=1',
        '__proto__=x',
        '__proto__[polluted]=yes',
        'constructor[prototype][polluted]=yes',
        '&&&=&=',
        '%ZZ=%ZZ',
      ]) {
        withQuery(`query: extra ${extra}`, 'maybe', [own, extra].filter(Boolean).join('&'));
      }
    }
    return cases;
  }

  private bodyCases(op: Operation, fixture: OperationFixture): FuzzCase[] {
    const write = WRITE_METHODS.has(op.method.toLowerCase());
    if (!write) return [];
    const cases: FuzzCase[] = [];
    const send = (
      label: string,
      expect: Expectation,
      body: string | null,
      contentType: string | null = 'application/json',
    ): void => {
      cases.push(this.build(op, fixture, label, expect, { body, contentType }));
    };
    // Malformed JSON is refused before any handler runs, whatever the route.
    for (const [label, text] of [
      ['truncated object', '{'],
      ['truncated value', '{"a":'],
      ['truncated array', '[1,2'],
      ['bare word', 'nul'],
      ['trailing garbage', '{"a":1}}'],
      ['trailing comma', '{"a":1,}'],
      ['single quotes', "{'a':1}"],
      ['leading zero', '{"a":01}'],
      ['NaN literal', '{"a":NaN}'],
      ['undefined literal', '{"a":undefined}'],
      ['comment', '{"a":1 /* x */}'],
      ['raw control character in a string', '{"a":"x\u0001y"}'],
      ['invalid escape', '{"a":"\\x41"}'],
      ['unterminated string', '{"a":"x'],
    ] as const) {
      send(`body: malformed JSON, ${label}`, 'reject', text);
    }
    if (!fixture.body) return cases;
    const schema = op.body;
    const valid = toJson(fixture.body);
    const requiredTop = new Set([
      ...(schema?.required ?? []),
      ...(fixture.required ?? []).filter((p) => !p.includes('.')),
    ]);
    const anyRequired = requiredTop.size > 0;

    for (const [label, text] of [
      ['null', 'null'],
      ['an array', '[]'],
      ['an array of the body', `[${valid}]`],
      ['a string', '"x"'],
      ['a number', '42'],
      ['true', 'true'],
      ['an empty object', '{}'],
      ['deeply nested arrays', `{"zzDeep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
      ['deeply nested objects', `{"zzDeep":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`],
      ['over 5 MB', `{"zzBig":"${'x'.repeat(5_500_000)}"}`],
    ] as const) {
      const expect = label === 'an empty object' && !anyRequired ? 'maybe' : 'reject';
      send(`body: ${label}`, expect, text);
    }
    send('body: empty with a JSON content type', anyRequired ? 'reject' : 'maybe', '');
    // A body the server would not parse as JSON must not be taken for an empty (valid) edit.
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zz',
      'application/xml',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/merge-patch+json',
      null,
    ]) {
      send(`body: the valid body as ${contentType ?? 'no content type'}`, 'reject', valid, contentType);
    }

    const maps = new Set(fixture.maps ?? []);
    const required = (path: BodyPath): boolean => {
      const d = dotted(path.map((s) => (typeof s === 'number' ? 0 : s)));
      const parent = schemaAt(schema, path.slice(0, -1));
      return (
        (fixture.required ?? []).includes(d) ||
        (path.length >= 1 &&
          typeof path[path.length - 1] === 'string' &&
          (parent?.required ?? []).includes(String(path[path.length - 1])))
      );
    };
    const inMap = (path: BodyPath): boolean => {
      const parentPath = path.slice(0, -1);
      const parent = schemaAt(schema, parentPath);
      return (
        maps.has(dotted(parentPath)) ||
        (parent !== undefined &&
          parent.properties === undefined &&
          parent.additionalProperties !== undefined &&
          parent.additionalProperties !== false)
      );
    };
    const replace = (path: BodyPath, value: unknown): string => toJson(setAt(fixture.body, path, value));

    for (const path of leafPaths(fixture.body)) {
      const where = `body ${dotted(path)}`;
      const current = path.reduce<unknown>(
        (node, step) => (node as Record<string | number, unknown>)[step],
        fixture.body,
      );
      const fieldSchema = schemaAt(schema, path);
      const type =
        fieldSchema?.type && fieldSchema.type !== 'integer'
          ? fieldSchema.type
          : fieldSchema?.type === 'integer'
            ? 'number'
            : jsonType(current);
      const mixed = (fieldSchema?.oneOf?.length ?? 0) > 1 || inMap(path);
      for (const [label, value] of WRONG_TYPES[type] ?? []) {
        const scalarSwap = jsonType(value) !== 'object' && jsonType(value) !== 'array';
        send(`${where}: wrong type (${label})`, mixed && scalarSwap ? 'maybe' : 'reject', replace(path, value));
      }
      send(`${where}: null`, required(path) ? 'reject' : 'maybe', replace(path, null));
      send(
        `${where}: missing`,
        required(path) ? 'reject' : 'maybe',
        toJson(setAt(fixture.body, path, undefined, true)),
      );
      if (type === 'string') {
        const strings: Array<readonly [string, string]> = [
          ...BAD_STRINGS,
          ...LONG_BODY_STRINGS,
          ['random', randomTrickyString(this.rng)],
          ['random', randomTrickyString(this.rng, 300)],
        ];
        for (const [label, value] of strings) {
          const tooLong = fieldSchema?.maxLength !== undefined && value.length > fieldSchema.maxLength;
          const notInEnum = fieldSchema?.enum !== undefined && !fieldSchema.enum.includes(value);
          send(`${where}: ${label}`, tooLong || notInEnum ? 'reject' : 'maybe', replace(path, value));
        }
      }
      if (type === 'number') {
        for (const [label, text] of BAD_NUMBERS_JSON) {
          send(
            `${where}: ${label} (${text})`,
            fieldSchema && numberViolates(fieldSchema, text) ? 'reject' : 'maybe',
            replace(path, raw(text)),
          );
        }
      }
      if (type === 'array' && Array.isArray(current)) {
        const tooFew = (fieldSchema?.minItems ?? 0) > 0;
        send(`${where}: empty array`, tooFew ? 'reject' : 'maybe', replace(path, []));
        send(`${where}: [null]`, 'reject', replace(path, [null]));
        send(`${where}: nested arrays`, 'reject', replace(path, [[current[0]]]));
        const many = fieldSchema?.maxItems !== undefined ? fieldSchema.maxItems + 1 : 2_000;
        send(
          `${where}: ${many} items`,
          fieldSchema?.maxItems !== undefined ? 'reject' : 'maybe',
          replace(
            path,
            Array.from({ length: many }, () => current[0]),
          ),
        );
      }
    }

    for (const path of objectPaths(fixture.body)) {
      const where = path.length === 0 ? 'body' : `body ${dotted(path)}`;
      const expect =
        maps.has(dotted(path)) ||
        (path.length > 0 &&
          schemaAt(schema, path)?.properties === undefined &&
          schemaAt(schema, path)?.additionalProperties !== undefined)
          ? 'maybe'
          : 'reject';
      const withKey = (key: string, value: unknown): string => toJson(setAt(fixture.body, [...path, key], value));
      send(`${where}: unknown field`, expect, withKey('zzUnknownField', 1));
      send(`${where}: __proto__ key`, expect, withKey('__proto__', { polluted: 'yes' }));
      send(`${where}: constructor.prototype key`, expect, withKey('constructor', { prototype: { polluted: 'yes' } }));
      send(`${where}: prototype key`, expect, withKey('prototype', { polluted: 'yes' }));
      send(`${where}: empty key`, expect, withKey('', 'x'));
      send(`${where}: NUL key`, expect, withKey('a\u0000b', 'x'));
      send(`${where}: SQL key`, expect, withKey("a'); DROP TABLE posts; --", 'x'));
    }
    return cases;
  }
}

function numberViolates(schema: Schema, text: string): boolean {
  const n = Number(text.trim() === '' ? NaN : text);
  if (!Number.isFinite(n)) return true;
  if (schema.type === 'integer' && !Number.isInteger(n)) return true;
  if (schema.minimum !== undefined && n < schema.minimum) return true;
  if (schema.maximum !== undefined && n > schema.maximum) return true;
  return false;
}

function encodeQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeLoose(v)}`)
    .join('&');
}
