import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CompiledRule, compileAlertRule } from '@labpulse/alerts';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import {
  AlertEvaluationRepository,
  AlertRepository,
  AlertRuleRepository,
  alertKeyId,
  LabRepository,
} from '@labpulse/persistence';
import { CLOCK, type Clock } from '../common/clock';
import { AlertKeyEvaluator } from './alert-key.evaluator';
import { DeliveryDispatcher } from './delivery-dispatcher.service';
import { SourceFailingService } from './source-failing.service';

// Keep 14 days of decisions to explain alerts and tune rules (docs/alerting.md#wiring-evaluation-outbox-and-delivery-the-io-half).
const EVALUATION_RETENTION_MS = 14 * 24 * 3_600_000;
const PRUNE_PER_PASS = 20_000;

export interface EvaluationSummary {
  now: string;
  rules: number;
  keys: number;
  buckets: number;
  failedKeys: number;
}

/**
 * One evaluation pass: source health first (source.failing), then every enabled rule for every
 * lab it covers, each key on its own so one failing key never stops the others.
 */
@Injectable()
export class AlertEvaluationService {
  private readonly logger = new Logger(AlertEvaluationService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rules: AlertRuleRepository,
    private readonly labs: LabRepository,
    private readonly evaluations: AlertEvaluationRepository,
    private readonly alerts: AlertRepository,
    private readonly keys: AlertKeyEvaluator,
    private readonly sourceFailing: SourceFailingService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  /** `at` (ISO 8601) pins the pass to an instant; otherwise ALERT_EVALUATION_NOW, else the clock. */
  async run(at?: string): Promise<EvaluationSummary> {
    const now = at !== undefined ? Date.parse(at) : (this.config.alerts.evaluationNow ?? this.clock.now());
    if (!Number.isFinite(now)) throw new RangeError(`cannot evaluate at ${at}`);
    const rules = await this.rules.list({ enabled: true });
    const labs = (await this.labs.listEnabled()).map((lab) => lab.slug);
    await this.dispatcher.dispatch(await this.sourceFailing.check(now, rules, labs));
    const summary: EvaluationSummary = {
      now: new Date(now).toISOString(),
      rules: rules.length,
      keys: 0,
      buckets: 0,
      failedKeys: 0,
    };
    // Most passes find most keys already evaluated through their last closed bucket (a pass runs
    // every minute and after each aggregation; a 5-minute bucket closes every 5 minutes, an hour
    // bucket every 60): those are skipped on one unlocked read instead of a transaction each.
    // evaluate() decides again under the key's lock.
    const progress = await this.alerts.evaluatedThrough(rules.map((rule) => rule.id));
    for (const rule of rules) {
      let compiled: CompiledRule;
      try {
        compiled = compileAlertRule(rule);
      } catch (error) {
        this.logger.error(`rule ${rule.id} cannot be compiled: ${(error as Error).message}`);
        continue;
      }
      for (const lab of rule.labId ? [rule.labId] : labs) {
        summary.keys += 1;
        try {
          if (
            !this.keys.bucketsToEvaluate(
              rule,
              compiled,
              progress.get(alertKeyId(rule.id, lab, rule.platform)) ?? null,
              now,
            )
          )
            continue;
          summary.buckets += await this.keys.evaluate(rule, compiled, lab, now);
        } catch (error) {
          summary.failedKeys += 1;
          this.logger.error(`evaluating rule ${rule.id} for ${lab}: ${(error as Error).message}`);
        }
      }
    }
    await this.dispatcher.sweep();
    await this.evaluations.prune(new Date(Date.now() - EVALUATION_RETENTION_MS), PRUNE_PER_PASS);
    // Evaluated keys keep their progress; a retry of the job picks up the ones that failed.
    if (summary.failedKeys > 0)
      throw new Error(`${summary.failedKeys} of ${summary.keys} alert key(s) failed to evaluate`);
    return summary;
  }
}
