/**
 * Value pools for the OpenAPI fuzz (openapi-fuzz.e2e-spec.ts), and the seeded PRNG that samples
 * from them, so a failing request is the same on every run with the same FUZZ_SEED.
 */

export { seededRandom } from '@labpulse/testing';

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** Characters that tend to break parsers, encoders, databases and header writers. */
const TRICKY_CHARS = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\r',
  '\n',
  '\t',
  '"',
  "'",
  '\\',
  '/',
  '%',
  '&',
  '=',
  '?',
  '#',
  ';',
  ',',
  '<',
  '>',
  '{',
  '}',
  '[',
  ']',
  '$',
  '`',
  '*',
  '\u00e9',
  '\u00df',
  '\u0301',
  '\u0336',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud800',
  '\udfff',
  '\ud83e\uddea',
  '\u4e2d',
  '\u0627',
  'a',
  'Z',
  '0',
  '9',
  ' ',
];

/** A random string of tricky characters, deterministic for the PRNG state. */
export function randomTrickyString(rng: () => number, maxLength = 40): string {
  const length = 1 + Math.floor(rng() * maxLength);
  let out = '';
  for (let i = 0; i < length; i += 1) out += pick(rng, TRICKY_CHARS);
  return out;
}

/** Strings sent wherever a string goes (body fields, query values, path segments). */
export const BAD_STRINGS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['blank', '   '],
  ['nul', 'open\u0000ai'],
  ['control chars', '\u0001\u0002\u001b[31m\u007f'],
  ['lone high surrogate', 'x\ud800'],
  ['lone low surrogate', '\udc00y'],
  ['rtl override', '\u202eai.exe\u202c'],
  ['combining marks', `e${'\u0301\u0336\u0351'.repeat(200)}`],
  ['emoji', '\ud83e\uddea\ud83d\udd25\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67'],
  ['zero width', 'open\u200bai\u200d\ufeff'],
  ['non-characters', '\uffff\ufffe\ufdd0'],
  ['sql quote', "' OR '1'='1"],
  ['sql drop', "x'); DROP TABLE posts; --"],
  ['sql union', '1 UNION SELECT key_hash FROM api_keys--'],
  ['sql comment', "openai'/*"],
  ['path traversal', '../../../../etc/passwd'],
  ['windows traversal', '..\\..\\..\\windows\\win.ini'],
  ['crlf', 'a\r\nX-Injected: yes\r\n\r\n<html>'],
  ['json in string', '{"$ne":null,"__proto__":{"polluted":"yes"}}'],
  ['proto key', '__proto__'],
  ['constructor key', 'constructor'],
  ['format string', '%s%s%n%x${7*7}{{7*7}}'],
  ['html', '<script>alert(1)</script>'],
  ['percent', '%ZZ%'],
  ['number-ish negative', '-1'],
  ['number-ish fraction', '1.5'],
  ['number-ish huge', '1e309'],
  ['number-ish NaN', 'NaN'],
  ['number-ish Infinity', '-Infinity'],
  ['number-ish 2^64', '18446744073709551616'],
  ['number-ish hex', '0x1F'],
  ['bool-ish', 'true'],
  ['null-ish', 'null'],
  ['padded', ' 5 '],
  ['long 8k', 'a'.repeat(8_000)],
];

/** Only in bodies: a URL this long never reaches the app (Node answers 431 itself). */
export const LONG_BODY_STRINGS: ReadonlyArray<readonly [string, string]> = [
  ['long 100k', 'x'.repeat(100_000)],
  ['long 100k unicode', '\u00e9\ud83e\uddea'.repeat(33_000)],
];

/**
 * Numbers as raw JSON text (1e400 parses to Infinity, 9007199254740993 loses precision), so a
 * body can carry what JSON.stringify would never write.
 */
export const BAD_NUMBERS_JSON: ReadonlyArray<readonly [string, string]> = [
  ['zero', '0'],
  ['negative', '-1'],
  ['negative huge', '-1e20'],
  ['fraction', '1.5'],
  ['negative fraction', '-0.5'],
  ['huge', '1e20'],
  ['overflow to Infinity', '1e400'],
  ['negative overflow', '-1e400'],
  ['beyond 2^53', '9007199254740993'],
  ['int32 overflow', '2147483648'],
  ['negative zero', '-0'],
  ['tiny', '5e-324'],
];

/** Query/path spellings of numbers a schema might allow as integers. */
export const BAD_NUMBER_STRINGS: readonly string[] = [
  'abc',
  '',
  '0',
  '-1',
  '1.5',
  '1e3',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '0x10',
  ' 7',
  '7abc',
  '+5',
  '-0',
];
