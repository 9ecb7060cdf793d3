/** The integer count columns of trend_buckets and trend_buckets_all_platforms, in table order. */
export const ROLLUP_COUNT_COLUMNS = [
  'posts',
  'positive',
  'neutral',
  'negative',
  'unscored',
  'favor',
  'against',
  'stance_neutral',
  'likes',
  'comments',
  'shares',
] as const;
