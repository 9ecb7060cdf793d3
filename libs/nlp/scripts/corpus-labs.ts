/** Lab slugs the corpus may label: the default catalogue's, after the catalogue migrations. */
export const CORPUS_LABS: ReadonlySet<string> = new Set([
  'openai', 'anthropic', 'google-deepmind', 'meta-ai', 'mistral-ai', 'xai', 'deepseek', 'alibaba-qwen',
  'microsoft-ai', 'amazon-ai', 'cohere', 'perplexity', 'moonshot-ai', 'zhipu-ai', 'baidu', 'nvidia', 'apple',
  'stability-ai', 'ai21-labs', 'reka-ai', 'inflection-ai', 'hugging-face', 'midjourney', 'safe-superintelligence',
  'thinking-machines-lab',
]);
