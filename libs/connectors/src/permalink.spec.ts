import { test } from 'node:test';
import assert from 'node:assert/strict';
import { originalUrl, permalink } from './permalink';

// The forms each platform documents or gives itself, matched whole.
const X_STATUS = /^https:\/\/x\.com\/([A-Za-z0-9_]{1,15}|i\/web)\/status\/\d+$/;
const FACEBOOK_POST = /^https:\/\/www\.facebook\.com\/\d+\/posts\/\d+$/;
const FACEBOOK_COMMENT = /^https:\/\/www\.facebook\.com\/\d+\/posts\/\d+\?comment_id=\d+$/;
const LINKEDIN_UPDATE = /^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:(share|ugcPost|activity):\d+\/$/;
const LINKEDIN_COMMENT =
  /^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:(ugcPost|activity|share):\d+\?commentUrn=urn%3Ali%3Acomment%3A%28(ugcPost|activity|share)%3A\d+%2C\d+%29$/;

test('X: a status link under the username, or the i/web form when no username is known', () => {
  const link = permalink({ platform: 'x', externalId: '1850000000000000000', authorName: 'someone_1' });
  assert.equal(link, 'https://x.com/someone_1/status/1850000000000000000');
  assert.match(link!, X_STATUS);
  assert.equal(
    permalink({ platform: 'x', externalId: '1850000000000000000' }),
    'https://x.com/i/web/status/1850000000000000000',
  );
  // A display name is no username: fall back rather than build a broken path.
  assert.equal(permalink({ platform: 'x', externalId: '42', authorName: 'Jane Doe' }), 'https://x.com/i/web/status/42');
  assert.equal(permalink({ platform: 'x', externalId: 'abc' }), null);
});

test('Facebook: posts link as <page>/posts/<post>; comments through their post with comment_id', () => {
  const post = permalink({ platform: 'facebook', externalId: '104958162837_122187000000000036' });
  assert.equal(post, 'https://www.facebook.com/104958162837/posts/122187000000000036');
  assert.match(post!, FACEBOOK_POST);
  // The comment id of the issue: <post>_<comment>, never a page and a post.
  const comment = permalink({
    platform: 'facebook',
    externalId: '122187000000000036_1001',
    parentExternalId: '104958162837_122187000000000036',
  });
  assert.equal(comment, 'https://www.facebook.com/104958162837/posts/122187000000000036?comment_id=1001');
  assert.match(comment!, FACEBOOK_COMMENT);
  // A reply's parent is a comment, which names no page: no link rather than a wrong one.
  assert.equal(
    permalink({ platform: 'facebook', externalId: '555_1002', parentExternalId: '122187000000000036_1001' }),
    null,
  );
  assert.equal(permalink({ platform: 'facebook', externalId: 'abc' }), null);
});

test('LinkedIn: posts link as feed/update/<urn>/; comments as their post with commentUrn', () => {
  const post = permalink({ platform: 'linkedin', externalId: 'urn:li:ugcPost:7123' });
  assert.equal(post, 'https://www.linkedin.com/feed/update/urn:li:ugcPost:7123/');
  assert.match(post!, LINKEDIN_UPDATE);
  const comment = permalink({
    platform: 'linkedin',
    externalId: 'urn:li:comment:(urn:li:activity:7496132671920234496,7496144749854720007)',
    parentExternalId: 'urn:li:share:7496132670259201234',
  });
  assert.equal(
    comment,
    'https://www.linkedin.com/feed/update/urn:li:activity:7496132671920234496?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A7496132671920234496%2C7496144749854720007%29',
  );
  assert.match(comment!, LINKEDIN_COMMENT);
  assert.equal(
    new URL(comment!).searchParams.get('commentUrn'),
    'urn:li:comment:(activity:7496132671920234496,7496144749854720007)',
  );
  assert.equal(permalink({ platform: 'linkedin', externalId: 'urn:li:comment:(garbage)' }), null);
});

test('stored web URLs win; anything else is replaced by a derived link', () => {
  assert.deepEqual(originalUrl({ platform: 'x', externalId: '1' }, 'https://x.com/a/status/1'), {
    url: 'https://x.com/a/status/1',
    derived: false,
  });
  assert.deepEqual(originalUrl({ platform: 'x', externalId: '1' }, 'javascript:alert(1)'), {
    url: 'https://x.com/i/web/status/1',
    derived: true,
  });
  assert.deepEqual(originalUrl({ platform: 'linkedin', externalId: 'nope' }, null), { url: null, derived: true });
});
