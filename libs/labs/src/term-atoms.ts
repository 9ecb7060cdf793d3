/**
 * Atoms: runs of letters, runs of digits, and "+" signs. Comparing atoms instead of words makes
 * "GPT-4o", "GPT 4o" and "gpt4o" the same term and lets "OpenAI's" match "OpenAI".
 */
export interface Atom {
  /** Lower-cased atom text. */
  lower: string;
  /** UTF-16 offsets into the source text, end exclusive. */
  start: number;
  end: number;
  /** True when only a joiner (nothing, spaces, "-", ".", "_", "·", "/") separates it from the previous atom. */
  joined: boolean;
  /** True inside an @handle, whose words are a user's name rather than prose. */
  inHandle: boolean;
}

// Scripts written without spaces (Han, kana, Hangul syllables with attached particles) give one
// atom per character, so "英伟达的芯片" and "NVIDIAの決算" still contain "英伟达" and "NVIDIA";
// a run of letters of one other script is one atom ("ChatGPTой" is "ChatGPT" then "ой").
const ATOM_RE =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]|[\p{sc=Latin}\p{M}]+|[\p{sc=Cyrillic}\p{M}]+|[\p{sc=Greek}\p{M}]+|[\p{sc=Arabic}\p{M}]+|[\p{sc=Devanagari}\p{M}]+|[\p{L}\p{M}]+|\p{Nd}+|\+/gu;
const HANDLE_RE = /@[\p{L}\p{N}_]+/gu;
// Spaces, or one joiner possibly padded by single spaces; a sentence break (". ") is not a joiner.
const JOINER_RE = /^(?:[ \t]+|[-_·/]|\.| ?[-–] ?)$/;

export function splitAtoms(text: string): Atom[] {
  const atoms: Atom[] = [];
  let prevEnd = -1;
  ATOM_RE.lastIndex = 0;
  for (let m = ATOM_RE.exec(text); m !== null; m = ATOM_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const joined = prevEnd >= 0 && (start === prevEnd || JOINER_RE.test(text.slice(prevEnd, start)));
    atoms.push({ lower: m[0].toLowerCase(), start, end, joined, inHandle: false });
    prevEnd = end;
  }
  if (text.includes('@')) markHandles(text, atoms);
  return atoms;
}

function markHandles(text: string, atoms: Atom[]): void {
  HANDLE_RE.lastIndex = 0;
  let i = 0;
  for (let m = HANDLE_RE.exec(text); m !== null; m = HANDLE_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    while (i < atoms.length && atoms[i].end <= start) i++;
    for (let j = i; j < atoms.length && atoms[j].start < end; j++) atoms[j].inHandle = true;
  }
}

/** The atoms of a catalogue term, for compiling. */
export function termAtoms(term: string): string[] {
  return splitAtoms(term).map((a) => a.lower);
}

/** @handles and #hashtags in a text, lower-cased with their prefix, with offsets. */
export function findTags(text: string): Array<{ tag: string; start: number; end: number }> {
  const out: Array<{ tag: string; start: number; end: number }> = [];
  if (!text.includes('@') && !text.includes('#')) return out;
  const re = /[@#][\p{L}\p{N}_]+/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ tag: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}
