import type { AlertRuleSpec } from '@labpulse/alerts';
import type { StoredAlertRule } from '@labpulse/persistence';

/** A rule as the API returns it: every setting (defaults filled in), its id and edit version. */
export interface AlertRuleView extends AlertRuleSpec {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toAlertRuleView(rule: StoredAlertRule): AlertRuleView {
  const { createdAt, updatedAt, ...rest } = rule;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

/** The editable settings of a stored rule (what a PATCH is merged into). */
export function specOf(rule: StoredAlertRule): AlertRuleSpec {
  const { id: _id, version: _version, createdAt: _c, updatedAt: _u, ...spec } = rule;
  return spec;
}
