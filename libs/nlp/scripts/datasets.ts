import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Class indices used everywhere in libs/nlp: 0 negative, 1 neutral, 2 positive (TweetEval's order). */
export type Polarity = 0 | 1 | 2;

export interface LabelledText {
  text: string;
  label: Polarity;
}

export interface TargetedText extends LabelledText {
  target: string;
  /** UTF-16 spans of the target in `text` (Dong items can name it more than once). */
  spans: Array<[number, number]>;
}

export interface RatedText {
  id: string;
  rating: number;
  text: string;
}

export interface TopicText {
  id: string;
  topic: string;
  sentiment: 'positive' | 'negative' | 'neutral' | 'irrelevant';
  text: string;
}

function lines(path: string): string[] {
  const out = readFileSync(path, 'utf8').split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** TweetEval keeps some characters as literal "\u2019" escapes; decode them. */
function decodeEscapes(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function readTweetEval(dataDir: string, split: 'train' | 'val'): LabelledText[] {
  const dir = join(dataDir, 'tweeteval-sentiment');
  const texts = lines(join(dir, `${split}_text.txt`));
  const labels = lines(join(dir, `${split}_labels.txt`));
  if (texts.length !== labels.length)
    throw new Error(`tweeteval ${split}: ${texts.length} texts but ${labels.length} labels`);
  return texts.map((t, i) => ({ text: decodeEscapes(t).trim(), label: Number(labels[i]) as Polarity }));
}

/** Undo the Penn-Treebank escapes of the Dong 2014 files ("-LRB-", "do n't"). */
function fromPtb(s: string): string {
  return s
    .replace(/-LRB-/g, '(')
    .replace(/-RRB-/g, ')')
    .replace(/-LSB-/g, '[')
    .replace(/-RSB-/g, ']')
    .replace(/ n't\b/g, "n't")
    .replace(/ '(s|m|re|ve|ll|d)\b/g, "'$1");
}

export function readDong(dataDir: string): TargetedText[] {
  const raw = lines(join(dataDir, 'dong2014', 'train.raw'));
  const out: TargetedText[] = [];
  for (let i = 0; i + 2 < raw.length; i += 3) {
    const target = raw[i + 1].trim();
    const parts = fromPtb(raw[i]).split('$T$');
    let text = parts[0];
    const spans: Array<[number, number]> = [];
    for (let p = 1; p < parts.length; p++) {
      spans.push([text.length, text.length + target.length]);
      text += target + parts[p];
    }
    const polarity = Number(raw[i + 2]);
    out.push({ text, target, spans, label: (polarity + 1) as Polarity });
  }
  return out;
}

export function readVaderTweets(dataDir: string): RatedText[] {
  return lines(join(dataDir, 'vader-tweets', 'tweets_dev.tsv')).map((l) => {
    const [id, rating, ...rest] = l.split('\t');
    return { id, rating: Number(rating), text: rest.join('\t') };
  });
}

export function readSanders(dataDir: string): TopicText[] {
  return lines(join(dataDir, 'sanders', 'sanders_dev.jsonl')).map((l) => {
    const o = JSON.parse(l) as { topic: string; sentiment: TopicText['sentiment']; tweetid: string; tweettext: string };
    return { id: o.tweetid, topic: o.topic, sentiment: o.sentiment, text: o.tweettext };
  });
}
