/**
 * Prior polarity of words, emoji and emoticons in [-1, 1]. Built at training time from wink-nlp's
 * sentiment lexicon (see libs/nlp/scripts/train-nlp.ts) and shipped inside the weights file, so the
 * scorer needs no wink-nlp pass at runtime.
 */
export type Lexicon = ReadonlyMap<string, number>;

/** "word\tvalue" lines, the compact form stored in the weights file. */
export function parseLexicon(encoded: string): Lexicon {
  const map = new Map<string, number>();
  for (const line of encoded.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    map.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return map;
}

export function encodeLexicon(lexicon: Lexicon): string {
  return [...lexicon.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w, v]) => `${w}\t${Math.round(v * 1000) / 1000}`)
    .join('\n');
}
