import { charCode } from '../text/char-code';

/**
 * Small, fast language identification for short posts: the writing system first, then, for Latin
 * script, counts of function words (and a few letters) of common languages against English ones.
 * It only has to answer one question well: "is this English, so our English model may score it?".
 */
export interface DetectedLanguage {
  /** ISO 639-1 code ("en", "es", "zh", ...), or "und" when there are no letters to go on. */
  language: string;
  /** Whether the English scorer may score it: English, or no letters at all (emoji, numbers). */
  scorable: boolean;
}

const FUNCTION_WORDS: Record<string, string> = {
  en: "the and is are was were to of in that it for on with this be have has not you my me we they at but so just what all your can will do dont don't it's i'm from about like get if or out up how one more new now than been would should could there their them he she his her an by as our who when why which really today love good very",
  es: 'de la en un el los las del que por para una es está están muy pero como más sí yo tú con sin lo se y también hoy gracias porque esto esta este hay todo todos nada ya bien solo cuando donde mejor nuevo tiene ser',
  pt: 'de um não você uma é com muito obrigado também isso são pra mais ele ela eu meu nós tá né do da dos das na em ao os foi mas quando tem ser ainda agora vai',
  fr: "de en un le la les des du est et une pas je tu il nous vous ce cette qui pour avec sur dans mais ou très c'est j'ai suis sont au aux mon ma mes merci aussi tout fait être avoir",
  de: 'der und ist nicht ich sie das mit auf für ein eine dem den zu sich wie noch wir bei nach oder wenn mir dass schon sehr jetzt kann gibt heute mein dein ganz auch aber',
  it: 'di la un il della delle che è non per una sono con ma mi ti ci gli questo questa molto anche perché grazie tutto più io noi sei hai ho del al alla nel',
  nl: 'de en het een van niet dat ik je jij wij zijn voor met op maar ook nog wel heel geen naar bij uit er dit hoe dank echt gewoon',
  id: 'yang dan di ini itu ke dari untuk tidak aku saya kamu dengan ada juga sudah akan bisa sama lagi apa mau kita nya tapi banget gak ga udah aja dong sih',
  tr: 've bir bu da için ile çok ne ben sen ama gibi daha var yok değil mı şey kadar olarak çünkü',
  pl: 'na nie się jest że jak ale co tak czy już mnie jestem bardzo tylko dla po od',
  sv: 'och att det som är på för med inte jag du har till av om men så den var vi kan nu mycket också',
  tl: 'ang ng sa mga ay ko mo ako ka siya hindi ito yung lang po naman kasi talaga',
};

/** Letters that English rarely uses, worth one vote each (once per letter kind). */
const LETTER_HINTS: Array<[RegExp, string]> = [
  [/[ñ¿¡]/, 'es'],
  [/[ãõ]/, 'pt'],
  [/[ßäöü]/, 'de'],
  [/[ıışğ]/, 'tr'],
  [/[ąęłńśźż]/, 'pl'],
  [/[åä]/, 'sv'],
  [/[êèàç]/, 'fr'],
  [/[òù]/, 'it'],
];

const LANGS = Object.keys(FUNCTION_WORDS);
const EN = LANGS.indexOf('en');
/** Word -> bit set of the languages it is a function word of. */
const WORDS = new Map<string, number>();
LANGS.forEach((lang, li) => {
  for (const w of FUNCTION_WORDS[lang].split(' ')) WORDS.set(w, (WORDS.get(w) ?? 0) | (1 << li));
});
const HINTS: Array<[RegExp, number]> = LETTER_HINTS.map(([re, lang]) => [re, LANGS.indexOf(lang)]);

const SCRIPTS: Array<[RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Tamil}/u, 'ta'],
];

const NOISE_RE = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_]+/gu;
const LETTER_RE = /\p{L}/gu;
const LATIN_RE = /\p{Script=Latin}/gu;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Non-ASCII code units that may be letters of some script (not punctuation, symbols, emoji halves). */
function letterish(c: number): boolean {
  return (
    c >= 0xc0 &&
    c !== 0xd7 &&
    c !== 0xf7 &&
    !(c >= 0x2000 && c <= 0x2bff) &&
    !(c >= 0xd800 && c <= 0xdfff) &&
    !(c >= 0xfe00 && c <= 0xfe0f)
  );
}

function isAsciiLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

export function detectLanguage(text: string): DetectedLanguage {
  const body = /[@#]|http|www\./.test(text) ? text.replace(NOISE_RE, ' ') : text;
  let asciiLetters = 0;
  let otherLetters = false;
  for (let i = 0; i < body.length; i++) {
    const c = charCode(body, i);
    if (isAsciiLetter(c)) asciiLetters++;
    else if (c >= 128 && letterish(c)) otherLetters = true;
  }
  // Only text with non-ASCII letters needs the Unicode script tables.
  if (otherLetters) {
    const letters = body.match(LETTER_RE)?.length ?? 0;
    const latin = body.match(LATIN_RE)?.length ?? 0;
    // One Han, kana or Hangul character carries about a word: weigh it like three letters, so
    // "DeepSeek 的新模型非常好" counts as Chinese despite its Latin brand name.
    const cjk = body.match(CJK_RE)?.length ?? 0;
    if (latin < letters - latin + 2 * cjk) {
      // Japanese mixes kana with Han, so kana decide before Han does.
      for (const [re, lang] of SCRIPTS) if (re.test(body)) return { language: lang, scorable: false };
      return { language: 'und', scorable: false };
    }
  } else if (asciiLetters === 0) {
    return { language: 'und', scorable: true };
  }
  const votes = new Int32Array(LANGS.length);
  const lower = body.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? charCode(lower, i) : 32;
    const inWord = isAsciiLetter(c) || c === 39 || c === 0x2019 || (c >= 128 && letterish(c));
    if (inWord) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const w = lower.slice(start, i);
      const mask = WORDS.get(w.includes('’') ? w.replace(/’/g, "'") : w);
      if (mask) for (let li = 0; li < LANGS.length; li++) if (mask & (1 << li)) votes[li]++;
      start = -1;
    }
  }
  if (otherLetters) for (const [re, li] of HINTS) if (re.test(lower)) votes[li]++;
  let best = EN;
  for (let li = 0; li < LANGS.length; li++) if (li !== EN && votes[li] > (best === EN ? 0 : votes[best])) best = li;
  // Another language must clearly out-vote English; short English posts often have no function words.
  if (best !== EN && votes[best] >= 2 && votes[best] > votes[EN] * 1.5)
    return { language: LANGS[best], scorable: false };
  return { language: 'en', scorable: true };
}
