import { InvalidSourceError } from './connector-errors';
import type { ConnectorSettings } from './connector-settings';
import { FacebookPageConnector, readFacebookPageOptions, toFacebookPageId } from './facebook/facebook-page.connector';
import { LinkedInOrgConnector, readLinkedInOrgOptions, toOrganizationUrn } from './linkedin/linkedin-org.connector';
import type { Platform, SourceConnector, SourceKind, SourceTarget } from './source-connector';
import { SOURCE_OPTIONS, unknownOptionKeys } from './source-option-catalogue';
import { readXSearchOptions, toXQuery, XSearchConnector } from './x/x-search.connector';

/** Source kinds served by a platform API (everything but file import). */
export const PLATFORM_SOURCE_KINDS = [
  'x_search',
  'facebook_page',
  'linkedin_org',
] as const satisfies readonly SourceKind[];
export type PlatformSourceKind = (typeof PLATFORM_SOURCE_KINDS)[number];

export const PLATFORM_OF_KIND: Readonly<Record<PlatformSourceKind, Platform>> = {
  x_search: 'x',
  facebook_page: 'facebook',
  linkedin_org: 'linkedin',
};

export function isPlatformSourceKind(kind: SourceKind): kind is PlatformSourceKind {
  return (PLATFORM_SOURCE_KINDS as readonly SourceKind[]).includes(kind);
}

/** The connector for a source kind, configured with that platform's settings. */
export function createConnector(kind: PlatformSourceKind, settings: ConnectorSettings): SourceConnector {
  switch (kind) {
    case 'x_search':
      return new XSearchConnector(settings);
    case 'facebook_page':
      return new FacebookPageConnector(settings);
    case 'linkedin_org':
      return new LinkedInOrgConnector(settings);
  }
}

/**
 * Checks a platform source's target and options without calling the platform (for the sources
 * API): throws the InvalidSourceError fetchPage would throw, and refuses option keys the kind does
 * not read (a misspelt `pagesize` would otherwise be stored and silently ignored).
 */
export function validateSource(source: SourceTarget & { kind: PlatformSourceKind }): void {
  const [unknown] = unknownOptionKeys(source.kind, source.options);
  if (unknown !== undefined) {
    const known = SOURCE_OPTIONS[source.kind].map((o) => o.name);
    const meant = known.find((name) => name.toLowerCase() === unknown.toLowerCase());
    throw new InvalidSourceError(
      `option ${unknown} is not an option of ${source.kind}${meant ? ` (did you mean ${meant}?)` : ''}; its options are ${known.join(', ')}`,
    );
  }
  switch (source.kind) {
    case 'x_search':
      toXQuery(source.target);
      readXSearchOptions(source.options);
      return;
    case 'facebook_page':
      toFacebookPageId(source.target);
      readFacebookPageOptions(source.options);
      return;
    case 'linkedin_org':
      toOrganizationUrn(source.target);
      readLinkedInOrgOptions(source.options);
      return;
  }
}
