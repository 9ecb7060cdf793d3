import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifyWithStandardWebhooks, waitFor } from '@labpulse/testing';
import { AlertEvaluationService } from '../../apps/worker/src/alerts/alert-evaluation.service';
import { bootstrapWorker } from '../../apps/worker/src/bootstrap-worker';
import { AlertingHarness } from './alerting-harness';
import { seededRandom, seedRollups, type RollupFixture } from './rollup-fixtures';

/**
 * The evaluator on real Postgres: rules over REST, rollups as fixtures, passes pinned to instants
 * (so buckets are closed and the run is deterministic), notifications through the outbox and the
 * deliver queue to a live receiver. docs/alerting.md#test-cases T15, T16, T19a-c, the coverage guard and
 * source.failing, persistence of the lifecycle across passes, and one open episode per key.
 */
const HOUR = 3_600_000;
const S = Date.parse('2026-10-20T12:00:00Z');
// A pass at `bucket + 1 h + 15 min` sees `bucket` closed (10 min allowed lateness) and nothing later.
const nowAfter = (bucketStart: number): string => new Date(bucketStart + HOUR + 15 * 60_000).toISOString();

let h: AlertingHarness;
let endpoint: { id: string; secret: string };
let defaultRules: string[] = [];
const created: string[] = [];

before(async () => {
  h = await AlertingHarness.start();
  const rules = await h.request<{ data: Array<{ id: string; enabled: boolean }> }>('GET', '/v1/alert-rules');
  // The seeded defaults would evaluate every lab; these tests run their own rules only.
  defaultRules = rules.body.data.filter((r) => r.enabled).map((r) => r.id);
  for (const id of defaultRules)
    assert.equal((await h.request('PATCH', `/v1/alert-rules/${id}`, { enabled: false })).status, 200);
  endpoint = await h.createEndpoint();
});
after(async () => {
  for (const id of created) await h?.request('DELETE', `/v1/alert-rules/${id}`);
  for (const id of defaultRules) await h?.request('PATCH', `/v1/alert-rules/${id}`, { enabled: true });
  await h?.close();
});
afterEach(async () => {
  // Each test's rule is switched off afterwards, so later passes (at later instants) leave it alone.
  for (const id of created) await h.request('PATCH', `/v1/alert-rules/${id}`, { enabled: false });
  h.receiver.clear();
});

async function createRule(body: Record<string, unknown>): Promise<string> {
  const res = await h.request<{ id: string }>('POST', '/v1/alert-rules', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  created.push(res.body.id);
  return res.body.id;
}

function evaluate(now: string, service = h.worker.app.get(AlertEvaluationService)) {
  return service.run(now);
}

interface Evaluation {
  bucketStart: string;
  decision: string;
  observed: number | null;
  expected: number | null;
  score: number | null;
  n: number | null;
  reason: string;
  alertId: string | null;
}

async function evaluations(ruleId: string, lab: string): Promise<Evaluation[]> {
  const res = await h.request<{ data: Evaluation[] }>(
    'GET',
    `/v1/alert-evaluations?rule=${ruleId}&lab=${lab}&limit=200`,
  );
  assert.equal(res.status, 200);
  return res.body.data.reverse();
}

async function alertCount(ruleId: string): Promise<number> {
  const [row] = await h.db.query('SELECT count(*)::int AS n FROM alerts WHERE rule_id = $1', [ruleId]);
  return row.n;
}

/** Hourly volume around `mean` with deterministic noise, from `from` (inclusive) to `to` (exclusive). */
function hourly(
  lab: string,
  from: number,
  to: number,
  mean: number,
  seed: number,
  platform: RollupFixture['platform'] = 'x',
): RollupFixture[] {
  const random = seededRandom(seed);
  const rows: RollupFixture[] = [];
  for (let t = from; t < to; t += HOUR)
    rows.push({
      lab,
      platform,
      width: 'hour',
      start: t,
      posts: Math.max(0, Math.round(mean + (random() - 0.5) * mean * 0.5)),
    });
  return rows;
}

const VOLUME_RULE = {
  metric: 'volume',
  detector: 'zscore',
  platform: 'x',
  bucket: '1h',
  window: '1h',
  baseline: '7d',
  enterThreshold: 4,
  exitThreshold: 2,
  minVolume: 10,
  cooldown: '24h',
  resolveAfter: '2h',
};

describe('evaluation through the worker', () => {
  it('T15: a volume spike fires once (one alert.firing webhook), holds while high, resolves; state persists across passes', async () => {
    const ruleId = await createRule({ ...VOLUME_RULE, name: 'T15 volume spike', labId: 'anthropic' });
    await seedRollups(h.db, [
      ...hourly('anthropic', S - 8 * 24 * HOUR, S, 40, 15),
      { lab: 'anthropic', platform: 'x', width: 'hour', start: S, posts: 120 },
      { lab: 'anthropic', platform: 'x', width: 'hour', start: S + HOUR, posts: 110 },
      ...hourly('anthropic', S + 2 * HOUR, S + 6 * HOUR, 40, 16),
    ]);
    // One pass per closed bucket, as the schedule would run them.
    for (let t = S; t <= S + 3 * HOUR; t += HOUR) await evaluate(nowAfter(t));
    const log = await evaluations(ruleId, 'anthropic');
    const at = (t: number) => log.find((e) => Date.parse(e.bucketStart) === t);
    assert.equal(log.length, 24 + 3, 'the first pass looks back 24 h; each later pass adds one bucket');
    assert.ok(
      log.filter((e) => Date.parse(e.bucketStart) < S).every((e) => e.decision === 'ok'),
      'no alert on the baseline',
    );
    assert.equal(at(S)?.decision, 'fire');
    assert.equal(at(S)?.observed, 120);
    assert.ok((at(S)?.score ?? 0) >= 4);
    assert.ok(Math.abs((at(S)?.expected ?? 0) - 40) < 5);
    assert.equal(at(S + HOUR)?.decision, 'hold', 'still high: hold, not a second firing');
    assert.equal(at(S + 2 * HOUR)?.decision, 'hold');
    assert.equal(at(S + 3 * HOUR)?.decision, 'resolve');
    assert.equal(await alertCount(ruleId), 1);

    const received = await h.receiver.waitForRequests(2);
    const types = received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    assert.deepEqual(types, ['alert.firing', 'alert.resolved']);
    const firing = received[0];
    const payload = verifyWithStandardWebhooks(
      endpoint.secret,
      firing,
      firing.raw,
      Number(firing.headers['webhook-timestamp']),
    ) as {
      data: {
        alertId: string;
        lab: string;
        platform: string;
        metric: string;
        observed: number;
        sequence: number;
        status: string;
        window: { start: string; end: string };
      };
    };
    assert.deepEqual(
      [
        payload.data.lab,
        payload.data.platform,
        payload.data.metric,
        payload.data.observed,
        payload.data.sequence,
        payload.data.status,
      ],
      ['anthropic', 'x', 'volume', 120, 1, 'firing'],
    );
    assert.deepEqual(payload.data.window, { start: new Date(S).toISOString(), end: new Date(S + HOUR).toISOString() });

    // The API explains it: the episode, its events and the decisions behind it.
    const list = await h.request<{ data: Array<{ id: string; status: string; lab: string }> }>(
      'GET',
      `/v1/alerts?rule=${ruleId}`,
    );
    assert.deepEqual(
      list.body.data.map((a) => [a.id, a.status, a.lab]),
      [[payload.data.alertId, 'resolved', 'anthropic']],
    );
    const detail = await h.request<{
      status: string;
      startsAt: string;
      endsAt: string;
      events: Array<{ type: string; sequence: number }>;
      evaluations: Evaluation[];
      rule: { id: string; metric: string };
    }>('GET', `/v1/alerts/${payload.data.alertId}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.startsAt, new Date(S).toISOString());
    assert.equal(detail.body.endsAt, new Date(S + 3 * HOUR).toISOString());
    assert.deepEqual(
      detail.body.events.map((e) => [e.type, e.sequence]),
      [
        ['alert.firing', 1],
        ['alert.resolved', 2],
      ],
    );
    assert.deepEqual(detail.body.evaluations.map((e) => e.decision).reverse(), ['fire', 'hold', 'hold', 'resolve']);
    assert.equal(detail.body.rule.id, ruleId);

    // A pass at an instant already evaluated adds nothing.
    await evaluate(nowAfter(S + 3 * HOUR));
    assert.equal((await evaluations(ruleId, 'anthropic')).length, 27);
  });

  it('T16: 4 posts on a 0.5/h baseline is suppressed:min_volume, explained in the log, with no alert row', async () => {
    const ruleId = await createRule({ ...VOLUME_RULE, name: 'T16 low counts', labId: 'cohere' });
    const rows: RollupFixture[] = [];
    for (let t = S - 8 * 24 * HOUR, i = 0; t < S; t += HOUR, i++)
      if (i % 2 === 0) rows.push({ lab: 'cohere', platform: 'x', width: 'hour', start: t, posts: 1 });
    rows.push({ lab: 'cohere', platform: 'x', width: 'hour', start: S, posts: 4 });
    await seedRollups(h.db, rows);
    await evaluate(nowAfter(S));
    const res = await h.request<{ data: Evaluation[] }>(
      'GET',
      `/v1/alert-evaluations?rule=${ruleId}&decision=suppressed:min_volume&from=${new Date(S).toISOString()}`,
    );
    assert.equal(res.body.data.length, 1);
    const e = res.body.data[0];
    assert.deepEqual([e.bucketStart, e.observed, e.n, e.alertId], [new Date(S).toISOString(), 4, 4, null]);
    assert.equal(e.reason, 'volume 4 < min_volume 10');
    assert.equal(await alertCount(ruleId), 0);
  });

  it('T19a: no posts for 3 h where the baseline is 60/h is no_data, not a volume drop: nothing fires', async () => {
    const ruleId = await createRule({ ...VOLUME_RULE, name: 'T19a drop', labId: 'mistral-ai', direction: 'down' });
    await seedRollups(h.db, hourly('mistral-ai', S - 8 * 24 * HOUR, S, 60, 19));
    await evaluate(nowAfter(S + 2 * HOUR));
    const log = await evaluations(ruleId, 'mistral-ai');
    assert.deepEqual(
      log.slice(-3).map((e) => [e.decision, e.n]),
      [
        ['no_data', 0],
        ['no_data', 0],
        ['no_data', 0],
      ],
    );
    assert.equal(await alertCount(ruleId), 0);
  });

  it('T19b and T19c: net sentiment of nothing is no_data; a negative count is an error, never a spike', async () => {
    const sentiment = await createRule({
      name: 'T19b net sentiment',
      labId: 'xai',
      platform: 'x',
      metric: 'net_sentiment',
    });
    const volume = await createRule({ ...VOLUME_RULE, name: 'T19c bad counts', labId: 'deepseek' });
    const baseline = hourly('xai', S - 8 * 24 * HOUR, S, 40, 21).map((r) => ({ ...r, positive: 10, negative: 8 }));
    await seedRollups(h.db, [
      ...baseline,
      // 5 posts, none scorable (an unsupported language): no sentiment to average.
      { lab: 'xai', platform: 'x', width: 'hour', start: S, posts: 5, positive: 0, neutral: 0, negative: 0 },
      ...hourly('deepseek', S - 8 * 24 * HOUR, S, 40, 22),
      { lab: 'deepseek', platform: 'x', width: 'hour', start: S, posts: -5, neutral: 0 },
    ]);
    await evaluate(nowAfter(S));
    const [last] = (await evaluations(sentiment, 'xai')).slice(-1);
    assert.deepEqual([last.decision, last.n], ['no_data', 0]);
    const [bad] = (await evaluations(volume, 'deepseek')).slice(-1);
    assert.equal(bad.decision, 'error');
    assert.match(bad.reason, /negative|count/i);
    assert.equal(await alertCount(sentiment), 0);
    assert.equal(await alertCount(volume), 0);
  });

  it('a failing collector raises source.failing and suppresses that platform instead of reporting a crash in sentiment', async () => {
    const ruleId = await createRule({
      name: 'negative share, per platform',
      labId: 'openai',
      platform: 'x',
      metric: 'negative_share',
    });
    const control = await createRule({
      name: 'negative share, healthy platform',
      labId: 'openai',
      platform: 'linkedin',
      metric: 'negative_share',
    });
    const crashHour = S + 30 * 24 * HOUR;
    const shares = (platform: RollupFixture['platform']): RollupFixture[] => [
      ...hourly('openai', crashHour - 8 * 24 * HOUR, crashHour, 50, 30, platform).map((r) => ({
        ...r,
        negative: Math.round(r.posts * 0.2),
      })),
      // Only the angriest posts got through while collection was failing.
      { lab: 'openai', platform, width: 'hour', start: crashHour, posts: 50, negative: 45 },
    ];
    await seedRollups(h.db, [...shares('x'), ...shares('linkedin')]);
    const [source] = await h.db.query(
      `INSERT INTO sources (kind, name, target, status, consecutive_failures, last_success_at, last_error)
       VALUES ('x_search', 'X: openai', 'openai', 'failing', 4, $1, 'HTTP 503 from api.x.com') RETURNING id`,
      [new Date(crashHour - 20 * 60_000).toISOString()],
    );
    for (let t = crashHour; t < crashHour + HOUR; t += 5 * 60_000) {
      await h.db.query(
        `INSERT INTO source_health_buckets (source_id, platform, bucket_width, bucket_start, ok, failed) VALUES ($1, 'x', '5m', $2, false, true)`,
        [source.id, new Date(t).toISOString()],
      );
    }
    await evaluate(nowAfter(crashHour));
    const [suppressed] = (await evaluations(ruleId, 'openai')).slice(-1);
    assert.equal(suppressed.decision, 'suppressed:coverage');
    assert.match(suppressed.reason, /coverage 0 < min_coverage 0.9/);
    assert.equal(await alertCount(ruleId), 0);
    const [fired] = (await evaluations(control, 'openai')).slice(-1);
    assert.equal(fired.decision, 'fire', 'the same numbers on a healthy platform do fire');

    const received = await h.receiver.waitForRequests(2);
    const byType = new Map(
      received.map((r) => [
        (JSON.parse(r.body) as { type: string }).type,
        JSON.parse(r.body) as { data: Record<string, unknown> },
      ]),
    );
    assert.deepEqual([...byType.keys()].sort(), ['alert.firing', 'source.failing']);
    const failing = byType.get('source.failing')?.data;
    assert.equal(failing?.sourceId, source.id);
    assert.equal(failing?.platform, 'x');
    assert.equal(failing?.coverage, 0);
    assert.ok((failing?.suppressedLabs as string[]).includes('openai'));
    assert.equal(byType.get('alert.firing')?.data.platform, 'linkedin');

    // The same failing episode is announced once.
    await evaluate(nowAfter(crashHour + HOUR));
    const [events] = await h.db.query(`SELECT count(*)::int AS n FROM alert_events WHERE type = 'source.failing'`);
    assert.equal(events.n, 1);
  });

  it('a pause of the rule’s own platform ends its firing alert with no_data and alert.resolved; once collecting, it fires anew', async () => {
    const ruleId = await createRule({ ...VOLUME_RULE, platform: 'linkedin', name: 'paused platform', labId: 'openai' });
    const spike = S + 90 * 24 * HOUR;
    await seedRollups(h.db, [
      ...hourly('openai', spike - 8 * 24 * HOUR, spike, 40, 41, 'linkedin'),
      { lab: 'openai', platform: 'linkedin', width: 'hour', start: spike, posts: 120 },
      { lab: 'openai', platform: 'linkedin', width: 'hour', start: spike + 2 * HOUR, posts: 130 },
    ]);
    await evaluate(nowAfter(spike));
    const fired = (await evaluations(ruleId, 'openai')).slice(-1)[0];
    assert.equal(fired.decision, 'fire');

    // The next hour LinkedIn is paused by its daily quota (every 5-minute slot says so), then collects again.
    const [source] = await h.db.query(
      `INSERT INTO sources (kind, name, target, status) VALUES ('linkedin_org', 'LinkedIn: openai', 'urn:li:organization:1', 'ok') RETURNING id`,
    );
    for (let t = spike + HOUR; t < spike + 3 * HOUR; t += 5 * 60_000) {
      const paused = t < spike + 2 * HOUR;
      await h.db.query(
        `INSERT INTO source_health_buckets (source_id, platform, bucket_width, bucket_start, ok, failed, paused) VALUES ($1, 'linkedin', '5m', $2, $3, false, $4)`,
        [source.id, new Date(t).toISOString(), !paused, paused],
      );
    }
    await evaluate(nowAfter(spike + HOUR));
    const ended = (await evaluations(ruleId, 'openai')).slice(-1)[0];
    assert.equal(ended.decision, 'no_data', 'an explicit end, not a frozen suppressed:coverage');
    assert.match(ended.reason, /linkedin paused by its quota/);
    assert.equal(ended.alertId, fired.alertId);
    const [episode] = await h.db.query('SELECT status FROM alerts WHERE id = $1', [fired.alertId]);
    assert.equal(episode.status, 'resolved');

    await evaluate(nowAfter(spike + 2 * HOUR));
    const again = (await evaluations(ruleId, 'openai')).slice(-1)[0];
    assert.equal(again.decision, 'fire', 'collecting again, the rule evaluates normally (no cooldown from the pause)');
    assert.notEqual(again.alertId, fired.alertId);

    const alertBodies = () =>
      h.receiver.requests
        .map((r) => JSON.parse(r.body) as { type: string; data: { alertId: string; decision: string; reason: string } })
        .filter((b) => b.type.startsWith('alert.'));
    const bodies = await waitFor(() => (alertBodies().length >= 3 ? alertBodies() : undefined), {
      description: 'three alert webhooks',
    });
    assert.deepEqual(
      bodies.map((b) => [b.type, b.data.alertId === fired.alertId, b.data.decision]),
      [
        ['alert.firing', true, 'fire'],
        ['alert.resolved', true, 'no_data'],
        ['alert.firing', false, 'fire'],
      ],
    );
    assert.match(bodies[1].data.reason, /linkedin paused by its quota/);
  });

  it('two workers evaluating the same key at once open one episode and send one alert.firing', async () => {
    const ruleId = await createRule({ ...VOLUME_RULE, name: 'concurrent', labId: 'meta-ai' });
    const spike = S + 60 * 24 * HOUR;
    await seedRollups(h.db, [
      ...hourly('meta-ai', spike - 8 * 24 * HOUR, spike, 40, 60),
      { lab: 'meta-ai', platform: 'x', width: 'hour', start: spike, posts: 150 },
    ]);
    const other = await bootstrapWorker({ ...h.config, worker: { ...h.config.worker, roles: ['aggregate'] } });
    try {
      await Promise.all([evaluate(nowAfter(spike)), evaluate(nowAfter(spike), other.app.get(AlertEvaluationService))]);
    } finally {
      await other.close();
    }
    assert.equal(await alertCount(ruleId), 1);
    const [events] = await h.db.query(
      `SELECT count(*)::int AS n FROM alert_events e JOIN alerts a ON a.id = e.alert_id WHERE a.rule_id = $1 AND e.type = 'alert.firing'`,
      [ruleId],
    );
    assert.equal(events.n, 1);
    const firing = (await evaluations(ruleId, 'meta-ai')).filter((e) => e.decision === 'fire');
    assert.equal(firing.length, 1);
    const received = await h.receiver.waitForRequests(1);
    assert.equal(received.filter((r) => (JSON.parse(r.body) as { type: string }).type === 'alert.firing').length, 1);
  });

  it('a pass leaves keys already evaluated through the last closed bucket alone, without locking them', async () => {
    const ruleId = await createRule({ ...VOLUME_RULE, name: 'up to date', labId: 'xai' });
    const t = S + 70 * 24 * HOUR;
    await seedRollups(h.db, hourly('xai', t - 2 * 24 * HOUR, t + 2 * HOUR, 40, 70));
    await evaluate(nowAfter(t));
    const evaluated = (await evaluations(ruleId, 'xai')).length;
    assert.ok(evaluated > 0);
    // Another pass at the same instant while the key's state row is locked: it must finish
    // without waiting for the lock (before, every key took its lock on every pass).
    let outcome: 'finished' | 'waited for the lock' = 'finished';
    let pass: Promise<unknown> = Promise.resolve();
    await h.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM alert_states WHERE rule_id = $1 FOR UPDATE', [ruleId]);
      let settled = false;
      pass = evaluate(nowAfter(t)).finally(() => (settled = true));
      const waits = async (): Promise<number> =>
        (
          await tx.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%alert_states%'`,
          )
        )[0].n;
      await waitFor(async () => settled || (await waits()) > 0, {
        description: 'the pass finishes or waits for the lock',
      });
      if (!settled) outcome = 'waited for the lock';
    });
    await pass;
    assert.equal(outcome, 'finished');
    assert.equal((await evaluations(ruleId, 'xai')).length, evaluated, 'nothing evaluated twice');
    await evaluate(nowAfter(t + HOUR));
    assert.equal((await evaluations(ruleId, 'xai')).length, evaluated + 1, 'the next closed bucket is still evaluated');
  });

  it('the database refuses a second open episode for one key', async () => {
    const [alert] = await h.db.query(`SELECT * FROM alerts WHERE status = 'firing' LIMIT 1`);
    assert.ok(alert, 'an open episode from the previous test');
    await assert.rejects(
      h.db.query(
        `INSERT INTO alerts (id, rule_id, rule_version, rule_snapshot, lab_slug, platform, metric, direction, dedupe_key, status, opened_at)
         VALUES (gen_random_uuid(), $1, 1, '{}', $2, $3, $4, $5, $6, 'pending', now())`,
        [alert.rule_id, alert.lab_slug, alert.platform, alert.metric, alert.direction, alert.dedupe_key],
      ),
      /alerts_one_open_per_key/,
    );
  });

  it('the evaluation log pages with a keyset cursor, newest first, without gaps or repeats', async () => {
    const all = await h.request<{ data: Array<{ id: string }> }>('GET', '/v1/alert-evaluations?limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: Array<{ id: string }>; nextCursor: string | null } } =
        await h.request('GET', `/v1/alert-evaluations?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 200);
    assert.deepEqual(
      seen.slice(0, all.body.data.length),
      all.body.data.map((e) => e.id),
    );
    assert.ok(seen.every((id, i) => i === 0 || BigInt(id) < BigInt(seen[i - 1])));
    const bad = await h.request<{ errors: Array<{ parameter: string }> }>(
      'GET',
      '/v1/alert-evaluations?cursor=nonsense&decision=maybe',
    );
    assert.equal(bad.status, 400);
  });
});
