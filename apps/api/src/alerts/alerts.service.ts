import { Injectable, NotFoundException } from '@nestjs/common';
import type { EpisodeStatus } from '@labpulse/alerts';
import { AlertEvaluationRepository, AlertQueryRepository } from '@labpulse/persistence';
import {
  type AlertDetailView,
  type AlertView,
  type EvaluationView,
  toAlertView,
  toEvaluationView,
  toEventView,
} from './alert-views';
import type { ListAlertsQueryDto } from './list-alerts-query.dto';
import type { ListEvaluationsQueryDto } from './list-evaluations-query.dto';
import { SEQ_PAGE_DEFAULT, decodeSeqCursor, encodeSeqCursor } from '../common/seq-cursor';

// GET /v1/alerts/:id shows at most this many of the episode's decisions (the evaluation list pages the rest).
const DETAIL_EVALUATIONS = 500;

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Read side of alerting: episodes with their events and the evaluation log behind them. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertQueryRepository,
    private readonly evaluations: AlertEvaluationRepository,
  ) {}

  async list(query: ListAlertsQueryDto): Promise<Page<AlertView>> {
    const page = await this.alerts.list(
      {
        status: query.status?.split(',') as EpisodeStatus[] | undefined,
        labSlug: query.lab,
        ruleId: query.rule,
        platform: query.platform,
      },
      decodeSeqCursor(query.cursor),
      query.limit ?? SEQ_PAGE_DEFAULT,
    );
    return { data: page.alerts.map(toAlertView), nextCursor: page.next === null ? null : encodeSeqCursor(page.next) };
  }

  async get(id: string): Promise<AlertDetailView> {
    const alert = await this.alerts.findById(id);
    if (!alert) throw new NotFoundException(`no alert ${id}`);
    const [events, evaluations] = await Promise.all([
      this.alerts.events(id),
      this.evaluations.list({ alertId: id }, null, DETAIL_EVALUATIONS),
    ]);
    return {
      ...toAlertView(alert),
      rule: alert.ruleSnapshot,
      events: events.map(toEventView),
      evaluations: evaluations.evaluations.map(toEvaluationView),
    };
  }

  async evaluationLog(query: ListEvaluationsQueryDto): Promise<Page<EvaluationView>> {
    const page = await this.evaluations.list(
      {
        ruleId: query.rule,
        labSlug: query.lab,
        platform: query.platform,
        alertId: query.alert,
        decisions: query.decision?.split(','),
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      },
      decodeSeqCursor(query.cursor),
      query.limit ?? SEQ_PAGE_DEFAULT,
    );
    return {
      data: page.evaluations.map(toEvaluationView),
      nextCursor: page.next === null ? null : encodeSeqCursor(page.next),
    };
  }
}
