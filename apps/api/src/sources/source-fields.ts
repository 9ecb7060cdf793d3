import { PLATFORM_SOURCE_KINDS, SOURCE_OPTIONS } from '@labpulse/connectors';
import type { SourceStatus } from '@labpulse/persistence';

/** Faster than this hammers a platform's quota; slower than a day risks gaps (X recent search keeps 7 days). */
export const MIN_POLL_INTERVAL_SECONDS = 10;
export const MAX_POLL_INTERVAL_SECONDS = 86_400;
export const DEFAULT_POLL_INTERVAL_SECONDS = 300;

export const SOURCE_STATUSES = ['ok', 'failing', 'paused', 'auth_failed'] as const satisfies readonly SourceStatus[];

export const NAME_MAX = 200;
/** X's longest query (4,096 characters, Enterprise) is the longest target of any kind. */
export const TARGET_MAX = 4_096;

/** The `options` property's OpenAPI description: every option of every kind, from the connectors' catalogue. */
export function sourceOptionsDescription(lead: string): string {
  const kinds = PLATFORM_SOURCE_KINDS.map(
    (kind) =>
      `\n\n**${kind}**: ${SOURCE_OPTIONS[kind].map((o) => `\`${o.name}\` (${o.type}): ${o.description}`).join('; ')}.`,
  );
  return `${lead} Flat scalars; a key the kind does not read is a 400 naming it; never credentials.${kinds.join('')}`;
}
