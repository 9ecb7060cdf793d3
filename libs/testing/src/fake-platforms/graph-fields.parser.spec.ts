import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GraphFieldsSyntaxError, parseGraphFields } from './graph-fields.parser';

describe('parseGraphFields', () => {
  it('parses modifiers, aliases and subfields', () => {
    const fields = parseGraphFields(
      'id,message,reactions.summary(total_count).limit(0),reactions.type(LOVE).limit(0).summary(total_count).as(reactions_love),from{name,id}',
    );
    assert.deepEqual(
      fields.map((field) => field.key),
      ['id', 'message', 'reactions', 'reactions_love', 'from'],
    );
    assert.equal(fields[2].modifiers.get('summary'), 'total_count');
    assert.equal(fields[2].modifiers.get('limit'), '0');
    assert.equal(fields[3].modifiers.get('type'), 'LOVE');
    assert.deepEqual(
      fields[4].subfields?.map((field) => field.name),
      ['name', 'id'],
    );
  });

  it('rejects broken syntax', () => {
    assert.throws(() => parseGraphFields('comments.summary(true'), GraphFieldsSyntaxError);
    assert.throws(() => parseGraphFields('from{name'), GraphFieldsSyntaxError);
    assert.throws(() => parseGraphFields('1abc'), GraphFieldsSyntaxError);
  });
});
