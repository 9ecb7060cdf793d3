import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourcePausedEvent, sourceResumedEvent } from './source-pause-payload';

const source = {
  id: '6f1c3c1e-8d6f-4a57-9a3e-2f4b1f6f1c3c',
  name: 'Mistral AI on LinkedIn',
  platform: 'linkedin' as const,
};
const until = new Date('2026-12-07T00:00:00Z');
const at = new Date('2026-12-06T05:00:00Z');

describe('source pause events', () => {
  it('source.paused says who paused it, until when, why, and links to the source and its resume', () => {
    const event = sourcePausedEvent(
      source,
      { scope: 'source', until, reason: `LinkedIn daily limit reached (${'x'.repeat(900)})` },
      at,
      'https://lp.example.com/',
    );
    assert.equal(event.type, 'source.paused');
    assert.equal(event.sourceId, source.id);
    assert.equal(event.dedupeKey, `source-paused:${source.id}:2026-12-07T00:00:00.000Z`);
    const body = JSON.parse(event.body) as {
      type: string;
      data: Record<string, unknown> & { reason: string; links: Record<string, string> };
    };
    assert.equal(body.type, 'source.paused');
    assert.deepEqual(
      [body.data.platform, body.data.scope, body.data.pausedUntil],
      ['linkedin', 'source', '2026-12-07T00:00:00.000Z'],
    );
    assert.equal(body.data.reason.length, 500, 'third-party text is cut short');
    assert.deepEqual(body.data.links, {
      source: `https://lp.example.com/v1/sources/${source.id}`,
      resume: `https://lp.example.com/v1/sources/${source.id}/resume`,
    });
  });

  it('source.resumed is keyed by the pause it ends, so an operator resume and the poll after it send one event', () => {
    const byOperator = sourceResumedEvent(source, { trigger: 'operator', pausedUntil: until }, at);
    const byPoll = sourceResumedEvent(
      source,
      { trigger: 'expired', pausedUntil: until },
      new Date(at.getTime() + 1_000),
    );
    assert.equal(byOperator.dedupeKey, byPoll.dedupeKey);
    const body = JSON.parse(byOperator.body) as { data: { trigger: string; links: { source: string | null } } };
    assert.equal(body.data.trigger, 'operator');
    assert.equal(body.data.links.source, null, 'no links without PUBLIC_BASE_URL');
  });
});
