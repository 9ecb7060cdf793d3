import { PLATFORMS } from '@labpulse/connectors';

// Every platform query parameter is built from the connectors' one list, so a new platform needs no
// edit here.
const ONE_PLATFORM = PLATFORMS.join('|');

/** `platforms=x,linkedin`: a comma-separated subset, each platform at most as many times as there are platforms. */
export const PLATFORM_LIST = new RegExp(`^(${ONE_PLATFORM})(,(${ONE_PLATFORM})){0,${PLATFORMS.length - 1}}$`);
export const PLATFORM_LIST_MESSAGE = `platforms must be a comma-separated subset of ${PLATFORMS.join(', ')}`;

/** `platform=`: one platform. */
export const PLATFORM_MESSAGE = `platform must be one of ${PLATFORMS.join(', ')}`;

/** `platform=` on alert lists, where `all` names the rules over every platform. */
export const PLATFORM_OR_ALL = [...PLATFORMS, 'all'] as const;
export const PLATFORM_OR_ALL_MESSAGE = `platform must be one of ${PLATFORM_OR_ALL.join(', ')}`;
