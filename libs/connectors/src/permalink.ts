/**
 * Links to originals, in the forms the platforms use themselves:
 * - X: `https://x.com/<username>/status/<id>` (X resolves the id whatever the name, so the
 *   `i/web/status` form stands in when no username is known);
 * - Facebook: `https://www.facebook.com/<page>/posts/<post>` for a post `<page>_<post>`, and for a
 *   comment `<post>_<comment>` on it, the post's link with `?comment_id=<comment>`;
 * - LinkedIn: `https://www.linkedin.com/feed/update/<post urn>/`, and for a comment
 *   `urn:li:comment:(<post urn>,<id>)` the post's update with `?commentUrn=` and the comment's URN
 *   in the short form LinkedIn's "Copy link to comment" gives (`urn:li:comment:(activity:<n>,<id>)`).
 */
export interface PostIdentity {
  platform: string;
  externalId: string;
  /** The platform id of the post a comment answers; null for posts. */
  parentExternalId?: string | null;
  /** The author's name as stored: for X, the username. */
  authorName?: string | null;
}

/** The stored URL when it is a web URL, else one derived from the platform ids (`derived: true`); null when none can be made. */
export function originalUrl(post: PostIdentity, stored: string | null): { url: string | null; derived: boolean } {
  if (stored && /^https?:\/\//i.test(stored)) return { url: stored, derived: false };
  return { url: permalink(post), derived: true };
}

export function permalink(post: PostIdentity): string | null {
  switch (post.platform) {
    case 'x':
      return xLink(post.externalId, post.authorName ?? null);
    case 'facebook':
      return post.parentExternalId
        ? facebookCommentLink(post.externalId, post.parentExternalId)
        : facebookPostLink(post.externalId);
    case 'linkedin':
      return post.externalId.startsWith('urn:li:comment:')
        ? linkedInCommentLink(post.externalId)
        : linkedInPostLink(post.externalId);
    default:
      return null;
  }
}

const X_USERNAME = /^[A-Za-z0-9_]{1,15}$/;
const FACEBOOK_PAIR = /^(\d+)_(\d+)$/;
const LINKEDIN_POST = /^urn:li:(share|ugcPost|activity):\d+$/;
const LINKEDIN_COMMENT = /^urn:li:comment:\(urn:li:(share|ugcPost|activity):(\d+),(\d+)\)$/;

function xLink(id: string, username: string | null): string | null {
  if (!/^\d{1,25}$/.test(id)) return null;
  return username && X_USERNAME.test(username)
    ? `https://x.com/${username}/status/${id}`
    : `https://x.com/i/web/status/${id}`;
}

function facebookPostLink(id: string): string | null {
  const match = FACEBOOK_PAIR.exec(id);
  return match ? `https://www.facebook.com/${match[1]}/posts/${match[2]}` : null;
}

/** A comment id is `<post>_<comment>`; the page comes from its parent `<page>_<post>`. */
function facebookCommentLink(id: string, parentId: string): string | null {
  const comment = FACEBOOK_PAIR.exec(id);
  const parent = FACEBOOK_PAIR.exec(parentId);
  // A parent that is not this comment's post (a reply's parent is a comment) names no page.
  if (!comment || !parent || comment[1] !== parent[2]) return null;
  return `https://www.facebook.com/${parent[1]}/posts/${parent[2]}?comment_id=${comment[2]}`;
}

function linkedInPostLink(urn: string): string | null {
  return LINKEDIN_POST.test(urn) ? `https://www.linkedin.com/feed/update/${urn}/` : null;
}

function linkedInCommentLink(urn: string): string | null {
  const match = LINKEDIN_COMMENT.exec(urn);
  if (!match) return null;
  const [, type, postId, commentId] = match;
  // encodeURIComponent leaves "(" and ")" alone; LinkedIn's own links escape them.
  const commentUrn = encodeURIComponent(`urn:li:comment:(${type}:${postId},${commentId})`)
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29');
  return `https://www.linkedin.com/feed/update/urn:li:${type}:${postId}?commentUrn=${commentUrn}`;
}
