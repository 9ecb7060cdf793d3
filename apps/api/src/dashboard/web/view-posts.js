// @ts-check
/** The posts behind one bucket, per lab (GET /v1/labs/:slug/posts), linked to the originals. */
import { h, replace } from './dom.js';
import { formatCount, formatScore } from './format.js';
import { platformLabel } from './alert-explain.js';
import { formatInstant } from './time.js';

/** @typedef {import('./types.js').Post} Post */
/** @typedef {import('./types.js').PostsPage} PostsPage */
/**
 * @typedef {{
 *   title: string,
 *   labs: Array<{ slug: string, name: string, volume: number }>,
 *   loadPage: (slug: string, cursor: string | null) => Promise<PostsPage>,
 *   describeError: (error: unknown) => string,
 * }} BucketPosts
 */

/**
 * @param {HTMLElement} slot
 * @param {BucketPosts} bucket
 */
export function showBucketPosts(slot, bucket) {
  const heading = h('h3', { tabindex: '-1', 'data-posts-title': '' }, bucket.title);
  replace(
    slot,
    heading,
    bucket.labs.map((lab) => labSection(lab, bucket)),
  );
  heading.focus();
}

/**
 * @param {{ slug: string, name: string, volume: number }} lab
 * @param {BucketPosts} bucket
 */
function labSection(lab, bucket) {
  const list = h('ol', { class: 'posts' });
  const section = h(
    'section',
    { class: 'lab-posts', 'data-lab': lab.slug, 'aria-busy': 'false' },
    h('h4', {}, `${lab.name} · ${formatCount(lab.volume)} ${lab.volume === 1 ? 'post' : 'posts'}`),
    list,
  );
  if (lab.volume === 0) {
    section.append(h('p', { class: 'empty', 'data-posts-empty': '' }, 'No posts about this lab in this bucket.'));
    return section;
  }
  /** @param {string | null} cursor */
  const load = async (cursor) => {
    section.setAttribute('aria-busy', 'true');
    const status = h('p', { class: 'loading' }, 'Loading posts…');
    section.append(status);
    try {
      const page = await bucket.loadPage(lab.slug, cursor);
      status.remove();
      list.append(...page.data.map(postItem));
      if (page.next) section.append(moreButton(() => load(page.next)));
      else if (list.childElementCount === 0) section.append(h('p', { class: 'empty' }, 'No posts found.'));
    } catch (error) {
      replace(status, bucket.describeError(error));
      status.className = 'error-text';
    } finally {
      section.setAttribute('aria-busy', 'false');
    }
  };
  void load(null);
  return section;
}

/** @param {() => void} onClick */
function moreButton(onClick) {
  const button = h('button', { type: 'button', class: 'more' }, 'More posts');
  button.addEventListener('click', () => {
    button.remove();
    onClick();
  });
  return button;
}

/** @param {Post} post */
function postItem(post) {
  const safeUrl = post.url && /^https?:\/\//i.test(post.url) ? post.url : null;
  const tags = [
    post.sentiment ? `${post.sentiment.label} (${formatScore(post.sentiment.score, 2)})` : 'not scored',
    post.stance ? `stance: ${post.stance.label}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return h(
    'li',
    { class: 'post', 'data-post': post.externalId },
    h(
      'p',
      { class: 'post-meta' },
      h('strong', {}, post.author.name ?? 'unknown author'),
      ` · ${platformLabel(post.platform)} · ${formatInstant(post.postedAt)}`,
    ),
    h('p', { class: 'post-text' }, post.text),
    h(
      'p',
      { class: 'post-meta' },
      `${tags} · ${formatCount(post.engagement.likes)} likes, ${formatCount(post.engagement.comments)} comments, ${formatCount(post.engagement.shares)} shares`,
      safeUrl
        ? [
            ' · ',
            h(
              'a',
              { href: safeUrl, target: '_blank', rel: 'noopener noreferrer' },
              `Open on ${platformLabel(post.platform)}`,
              h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'),
            ),
          ]
        : null,
    ),
  );
}
