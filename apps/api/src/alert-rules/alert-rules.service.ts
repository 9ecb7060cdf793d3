import { Injectable, NotFoundException } from '@nestjs/common';
import { type AlertRuleSpec, validateAlertRule } from '@labpulse/alerts';
import { AlertRuleRepository, LabRepository, type StoredAlertRule } from '@labpulse/persistence';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import { type AlertRuleView, specOf, toAlertRuleView } from './alert-rule-view';

/** CRUD over alert rules; every write goes through validateAlertRule, so a 400 names each bad field. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly labs: LabRepository,
  ) {}

  async list(): Promise<{ data: AlertRuleView[] }> {
    return { data: (await this.rules.list()).map(toAlertRuleView) };
  }

  async get(id: string): Promise<AlertRuleView> {
    return toAlertRuleView(await this.require(id));
  }

  async create(body: unknown): Promise<AlertRuleView> {
    return toAlertRuleView(await this.rules.create(await this.validate(body)));
  }

  /** PUT: a full replacement; omitted settings take the metric's defaults. */
  async replace(id: string, body: unknown): Promise<AlertRuleView> {
    await this.require(id);
    return this.save(id, await this.validate(body));
  }

  /** PATCH: the given fields over the stored rule, validated as a whole. */
  async update(id: string, body: unknown): Promise<AlertRuleView> {
    const current = await this.require(id);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw InvalidParametersException.single('(body)', 'must be a JSON object');
    return this.save(id, await this.validate({ ...specOf(current), ...body }));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.rules.delete(id))) throw notFound(id);
  }

  private async save(id: string, spec: AlertRuleSpec): Promise<AlertRuleView> {
    const saved = await this.rules.replace(id, spec);
    if (!saved) throw notFound(id);
    return toAlertRuleView(saved);
  }

  private async validate(body: unknown): Promise<AlertRuleSpec> {
    const knownLabIds = new Set((await this.labs.list()).map((lab) => lab.slug));
    const result = validateAlertRule(body, { knownLabIds });
    if (!result.ok)
      throw new InvalidParametersException(result.errors.map((e) => ({ parameter: e.field, message: e.message })));
    return result.rule;
  }

  private async require(id: string): Promise<StoredAlertRule> {
    const rule = await this.rules.findById(id);
    if (!rule) throw notFound(id);
    return rule;
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`no alert rule ${id}`);
}
