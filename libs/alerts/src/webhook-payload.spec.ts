import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertEpisode } from './alert-episode';
import {
  MAX_WEBHOOK_BODY_BYTES,
  buildAlertFiringPayload,
  buildAlertResolvedPayload,
  buildSourceFailingPayload,
  buildWebhookTestPayload,
  serializeWebhookPayload,
  webhookMessageId,
} from './webhook-payload';

const episode: AlertEpisode = {
  id: '01JABCDEF',
  dedupeKey: 'k'.repeat(64),
  status: 'firing',
  openedAt: Date.parse('2026-03-03T20:00:00Z'),
  startsAt: Date.parse('2026-03-03T20:00:00Z'),
  endsAt: null,
  sequence: 1,
  lastNotifiedAt: null,
  peakScore: 3.46,
  escalated: false,
};
const input = {
  episode,
  sequence: 1,
  evaluation: {
    at: episode.openedAt,
    observed: 0.4,
    expected: 0.2,
    scale: 0.0578,
    score: 3.46,
    n: 50,
    effect: 0.2,
    decision: 'fire' as const,
    reason: 'score 3.46 >= enter 3',
  },
  rule: {
    id: 'rule-1',
    name: 'Negative share',
    metric: 'negative_share' as const,
    detector: 'two_proportion' as const,
    severity: 'warning' as const,
    bucket: '1h' as const,
    direction: 'up' as const,
    enterThreshold: 3,
    exitThreshold: 1.5,
  },
  lab: 'anthropic',
  platform: 'x' as const,
  windowStart: Date.parse('2026-03-03T20:00:00Z'),
  windowEnd: Date.parse('2026-03-03T21:00:00Z'),
  topPosts: [
    {
      platform: 'x' as const,
      externalId: '1850000000000000001',
      url: 'https://x.com/someone/status/1850000000000000001',
    },
  ],
  topPostFilter: 'negative' as const,
  baseUrl: 'https://labpulse.example.com/',
};

describe('webhook payloads', () => {
  it('alert.firing carries observed, expected, score, threshold, sample size and links', () => {
    const p = buildAlertFiringPayload(input);
    assert.equal(p.type, 'alert.firing');
    assert.equal(p.timestamp, '2026-03-03T21:00:00.000Z');
    assert.equal(p.data.status, 'firing');
    assert.deepEqual(
      [p.data.observed, p.data.expected, p.data.score, p.data.threshold, p.data.exitThreshold, p.data.sampleSize],
      [0.4, 0.2, 3.46, 3, 1.5, 50],
    );
    assert.equal(p.data.direction, 'up');
    assert.deepEqual(p.data.topPosts[0], {
      platform: 'x',
      externalId: '1850000000000000001',
      url: 'https://x.com/someone/status/1850000000000000001',
    });
    assert.deepEqual(p.data.window, { start: '2026-03-03T20:00:00.000Z', end: '2026-03-03T21:00:00.000Z' });
    assert.equal(p.data.endsAt, null);
    assert.equal(p.data.links.alert, 'https://labpulse.example.com/v1/alerts/01JABCDEF');
    // The trend API's own parameters (the e2e tests follow these links and get 200).
    assert.equal(
      p.data.links.trend,
      'https://labpulse.example.com/v1/trends?labs=anthropic&interval=hour&from=2026-03-02T21%3A00%3A00.000Z&to=2026-03-03T21%3A00%3A00.000Z&platforms=x',
    );
    assert.equal(
      p.data.links.posts,
      'https://labpulse.example.com/v1/labs/anthropic/posts?from=2026-03-03T20%3A00%3A00.000Z&to=2026-03-03T21%3A00%3A00.000Z&sort=engagement&platform=x&sentiment=negative',
    );
    assert.equal(p.data.links.labAlerts, 'https://labpulse.example.com/v1/alerts?lab=anthropic&status=firing');
  });

  it('alert.resolved sets status and endsAt', () => {
    const closed = { ...episode, status: 'resolved' as const, endsAt: Date.parse('2026-03-03T23:00:00Z') };
    const p = buildAlertResolvedPayload({ ...input, episode: closed, sequence: 2 });
    assert.equal(p.type, 'alert.resolved');
    assert.equal(p.data.status, 'resolved');
    assert.equal(p.data.endsAt, '2026-03-03T23:00:00.000Z');
    assert.equal(p.data.sequence, 2);
  });

  it('source.failing and webhook.test', () => {
    const s = buildSourceFailingPayload(
      {
        sourceId: 's1',
        sourceName: 'X search: anthropic',
        platform: 'x',
        failingSince: new Date('2026-03-03T18:00:00Z'),
        lastError: 'x'.repeat(900),
        coverage: 0.1,
        suppressedLabs: ['anthropic'],
      },
      new Date('2026-03-03T21:00:00Z'),
    );
    assert.equal(s.type, 'source.failing');
    assert.equal(s.data.lastError?.length, 500);
    const t = buildWebhookTestPayload('ep_1', new Date('2026-03-03T21:00:00Z'));
    assert.equal(t.type, 'webhook.test');
    assert.equal(t.data.endpointId, 'ep_1');
  });

  it('serialises once, minified, and refuses bodies above 20 KB', () => {
    const body = serializeWebhookPayload(buildWebhookTestPayload('ep_1', new Date(0)));
    assert.equal(body, JSON.stringify(JSON.parse(body)));
    assert.ok(!body.includes('\n'));
    const huge = { type: 'webhook.test' as const, timestamp: '', data: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES) };
    assert.throws(() => serializeWebhookPayload(huge), RangeError);
  });

  it('message ids are msg_-prefixed and never contain "."', () => {
    assert.equal(webhookMessageId('01JABC'), 'msg_01JABC');
    assert.throws(() => webhookMessageId('a.b'), RangeError);
  });
});
