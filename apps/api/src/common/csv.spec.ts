import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, toCsv } from './csv';

test('fields are quoted only when needed, with quotes doubled (RFC 4180)', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\r'), '"cr\r"');
  assert.equal(csvField(''), '');
});

test('null and undefined are empty cells; numbers and booleans are written as they are', () => {
  assert.deepEqual(
    [csvField(null), csvField(undefined), csvField(-0.25), csvField(0), csvField(true), csvField(Number.NaN)],
    ['', '', '-0.25', '0', 'true', ''],
  );
});

test('text that a spreadsheet would run as a formula is kept as text', () => {
  assert.equal(csvField('=1+1'), "'=1+1");
  assert.equal(csvField('+33 6'), "'+33 6");
  assert.equal(csvField('-lol'), "'-lol");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('=HYPERLINK("a","b")'), `"'=HYPERLINK(""a"",""b"")"`);
});

test('a document: header, rows, CRLF after every line', () => {
  assert.equal(
    toCsv(
      ['a', 'b'],
      [
        [1, 'x,y'],
        [null, 'z'],
      ],
    ),
    'a,b\r\n1,"x,y"\r\n,z\r\n',
  );
});
