import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type AlertMetric,
  type CompiledRule,
  alertDedupeKey,
  buildAlertPayload,
  evaluationWindow,
  fillMetricBuckets,
  serializeWebhookPayload,
} from '@labpulse/alerts';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import {
  AlertRepository,
  type EpisodeWrite,
  type KeyPassWrite,
  type NewOutboxEvent,
  PostQueryRepository,
  type StoredAlertRule,
  type StoredKeyState,
  type TopPostFilter,
  TrendCoverageRepository,
  TrendRepository,
} from '@labpulse/persistence';
import { type Direction, lastClosedBucketUtc } from '@labpulse/timeseries';
import { type EventToNotify, runKeyPass } from './alert-key-pass';
import { coverageNote, ruleCoverage } from './collection-coverage';
import { DeliveryDispatcher } from './delivery-dispatcher.service';
import { ROLLUP_WIDTH, toMetricBucket } from './metric-bucket.mapper';

const TOP_POSTS = 5;

/** Which posts explain an alert: the category the metric moved toward, by engagement. */
function topPostFilter(metric: AlertMetric, direction: Direction): TopPostFilter {
  if (direction === 'both' || metric === 'volume') return 'any';
  const up = direction === 'up';
  switch (metric) {
    case 'negative_share':
      return up ? 'negative' : 'any';
    case 'positive_share':
      return up ? 'positive' : 'any';
    case 'stance_against_share':
      return up ? 'against' : 'any';
    case 'stance_favor_share':
      return up ? 'favor' : 'any';
    case 'net_sentiment':
      return up ? 'positive' : 'negative';
  }
}

/**
 * Evaluates one (rule, lab, platform) over the buckets closed since its last pass, with the key
 * locked, and writes evaluations, episodes and the outbox in one transaction. A key is never
 * evaluated further back than ALERT_LOOKBACK_MS, and a bucket once evaluated is never evaluated
 * again: data arriving after the watermark recomputes the rollup but opens no retroactive alert.
 */
@Injectable()
export class AlertKeyEvaluator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertRepository,
    private readonly trends: TrendRepository,
    private readonly posts: PostQueryRepository,
    private readonly coverage: TrendCoverageRepository,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  /**
   * The buckets a key evaluated through `evaluatedThrough` has to evaluate at `now`: from the one
   * after it (never further back than ALERT_LOOKBACK_MS) to the last closed one; null when none.
   */
  bucketsToEvaluate(
    rule: StoredAlertRule,
    compiled: CompiledRule,
    evaluatedThrough: number | null,
    now: number,
  ): { first: number; last: number } | null {
    const bucketMs = compiled.bucketMs;
    const last = lastClosedBucketUtc(now, rule.bucket, this.config.alerts.allowedLatenessMs).getTime();
    const earliest = last - Math.max(0, Math.ceil(this.config.alerts.lookbackMs / bucketMs) - 1) * bucketMs;
    const first = Math.max(earliest, evaluatedThrough === null ? earliest : evaluatedThrough + bucketMs);
    return first > last ? null : { first, last };
  }

  /** Returns how many buckets were evaluated. */
  async evaluate(rule: StoredAlertRule, compiled: CompiledRule, lab: string, now: number): Promise<number> {
    const dedupeKey = alertDedupeKey({
      ruleId: rule.id,
      labId: lab,
      platform: rule.platform,
      metric: rule.metric,
      direction: rule.direction,
    });
    let evaluated = 0;
    const pending = await this.alerts.evaluateKey(
      { ruleId: rule.id, labSlug: lab, platform: rule.platform, dedupeKey },
      async (stored) => {
        const range = this.bucketsToEvaluate(rule, compiled, stored.evaluatedThrough, now);
        if (!range) return null;
        const { first, last } = range;
        const write = await this.pass(rule, compiled, lab, dedupeKey, stored, first, last);
        evaluated = write.evaluations.length;
        return write;
      },
    );
    await this.dispatcher.dispatch(pending);
    return evaluated;
  }

  private async pass(
    rule: StoredAlertRule,
    compiled: CompiledRule,
    lab: string,
    dedupeKey: string,
    stored: StoredKeyState,
    first: number,
    last: number,
  ): Promise<KeyPassWrite> {
    const bucketMs = compiled.bucketMs;
    const from = first - (compiled.historyBuckets - 1) * bucketMs;
    const to = last + bucketMs;
    // Coverage matters for the evaluated windows only (the guard reads the window's worst bucket).
    const coverageFrom = first - (compiled.windowBuckets - 1) * bucketMs;
    const health = await this.coverage.coverage({
      width: '5m',
      from: new Date(coverageFrom),
      to: new Date(to),
      platforms: rule.platform === 'all' ? [] : [rule.platform],
      byPlatform: true,
    });
    const starts: number[] = [];
    for (let t = coverageFrom; t < to; t += bucketMs) starts.push(t);
    const coverage = ruleCoverage(health, rule.platform, starts, bucketMs, rule.minCoverage);
    // An `all` rule leaves out the platforms that were not collecting, in its baseline too.
    const rows = await this.trends.metricRows(
      lab,
      rule.platform,
      ROLLUP_WIDTH[rule.bucket],
      from,
      to,
      coverage.excluded,
    );
    const filled = fillMetricBuckets(
      rows.map((r) => toMetricBucket(r, rule.metric)),
      from,
      to,
      bucketMs,
    );
    const series = filled.map((b) => ({ ...b, coverage: coverage.coverage.get(b.start) ?? 1 }));

    const note = coverageNote(coverage) ?? undefined;
    const pausedHere = rule.platform !== 'all' && coverage.notCollecting.some((p) => p.state === 'paused');
    const out = runKeyPass({
      compiled,
      dedupeKey,
      sendResolved: rule.sendResolved,
      stored,
      series,
      first,
      last,
      newEpisodeId: randomUUID,
      note,
      paused: pausedHere ? { platform: rule.platform } : undefined,
    });
    const episodes: EpisodeWrite[] = out.episodes.map((episode) => ({
      episode,
      ruleId: rule.id,
      ruleVersion: rule.version,
      ruleSnapshot: snapshot(rule),
      labSlug: lab,
      platform: rule.platform,
      metric: rule.metric,
      direction: rule.direction,
    }));
    const events: NewOutboxEvent[] = [];
    for (const event of out.events) events.push(await this.toOutboxEvent(rule, compiled, lab, event));
    return { evaluations: out.evaluations, episodes, events, lifecycle: out.lifecycle, evaluatedThrough: last };
  }

  private async toOutboxEvent(
    rule: StoredAlertRule,
    compiled: CompiledRule,
    lab: string,
    event: EventToNotify,
  ): Promise<NewOutboxEvent> {
    const { draft, episode } = event;
    const window = evaluationWindow(compiled, draft.at);
    const filter = topPostFilter(rule.metric, rule.direction);
    const topPosts =
      draft.kind === 'resolved'
        ? []
        : await this.posts.topPosts(lab, rule.platform, window.start, window.end, filter, TOP_POSTS);
    const payload = buildAlertPayload({
      kind: draft.kind,
      episode,
      sequence: draft.sequence,
      evaluation: draft.evaluation,
      rule,
      lab,
      platform: rule.platform,
      windowStart: window.start,
      windowEnd: window.end,
      topPosts,
      topPostFilter: filter,
      baseUrl: this.config.alerts.publicBaseUrl ?? undefined,
    });
    return {
      type: payload.type,
      dedupeKey: `alert:${episode.id}:${draft.sequence}`,
      alertId: episode.id,
      sourceId: null,
      sequence: draft.sequence,
      occurredAt: new Date(payload.timestamp),
      body: serializeWebhookPayload(payload),
    };
  }
}

/** The rule as an episode remembers it (the version it opened under). */
function snapshot(rule: StoredAlertRule): Record<string, unknown> {
  const { createdAt: _created, updatedAt: _updated, ...spec } = rule;
  return spec;
}
