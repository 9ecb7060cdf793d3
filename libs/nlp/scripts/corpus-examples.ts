import type { LabMatch, LabMatcher } from '@labpulse/labs';
import type { TargetExample, TextExample } from '../src/training/train-models';
import type { CorpusPost, CorpusSentiment, CorpusStance } from './ai-lab-corpus';

/** The class order of libs/nlp: 0 negative / against, 1 neutral, 2 positive / favor. */
export const SENTIMENT_INDEX: Record<CorpusSentiment, number> = { negative: 0, neutral: 1, positive: 2 };
export const STANCE_INDEX: Record<CorpusStance, number> = { against: 0, neutral: 1, favor: 2 };

/** The posts the English models learn from: the scorer does not score other languages. */
export function englishPosts(posts: readonly CorpusPost[]): CorpusPost[] {
  return posts.filter((p) => p.lang === 'en');
}

export function sentenceExamples(posts: readonly CorpusPost[], matcher: LabMatcher): TextExample[] {
  return posts.map((p) => ({
    text: p.text,
    label: SENTIMENT_INDEX[p.sentiment],
    labSpans: spansOf(matcher.match(p.text)),
  }));
}

function spansOf(matches: readonly LabMatch[]): Array<[number, number]> {
  return matches.flatMap((m) => m.spans.map((s): [number, number] => [s.start, s.end]));
}

/**
 * One example per (post, labelled lab) that the matcher finds, with the spans the scorer will see:
 * the lab's own and every other lab's it matched. A lab the matcher misses cannot be scored, so it
 * cannot be learnt from either.
 */
export function targetExamples(posts: readonly CorpusPost[], matcher: LabMatcher): TargetExample[] {
  const out: TargetExample[] = [];
  for (const p of posts) {
    const matches = matcher.match(p.text);
    for (const [lab, stance] of Object.entries(p.stance)) {
      const m = matches.find((x) => x.lab === lab);
      if (!m) continue;
      const others = matches
        .filter((x) => x !== m)
        .flatMap((x) => x.spans.slice(0, 3).map((s): [number, number] => [s.start, s.end]));
      out.push({
        text: p.text,
        label: STANCE_INDEX[stance],
        labSpans: spansOf(matches),
        spans: m.spans.map((s) => [s.start, s.end]),
        others,
      });
    }
  }
  return out;
}
