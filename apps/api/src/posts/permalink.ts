/**
 * A link to the original post: the stored URL when it is a web URL, else one derived from the
 * platform id (imports often carry ids only). Null when no link can be made.
 */
export function originalUrl(platform: string, externalId: string, stored: string | null): { url: string | null; derived: boolean } {
  if (stored && /^https?:\/\//i.test(stored)) return { url: stored, derived: false };
  return { url: permalink(platform, externalId), derived: true };
}

export function permalink(platform: string, externalId: string): string | null {
  switch (platform) {
    case 'x':
      // The i/web/status form resolves without knowing the author's handle.
      return /^\d{1,25}$/.test(externalId) ? `https://x.com/i/web/status/${externalId}` : null;
    case 'facebook': {
      const match = /^(\d+)_(\d+)$/.exec(externalId);
      return match ? `https://www.facebook.com/${match[1]}/posts/${match[2]}` : null;
    }
    case 'linkedin':
      return /^urn:li:(share|ugcPost|activity):\d+$/.test(externalId) ? `https://www.linkedin.com/feed/update/${externalId}/` : null;
    default:
      return null;
  }
}
