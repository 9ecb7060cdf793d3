/**
 * One AI lab in the catalogue. Plain JSON: the database stores it as `jsonb`, the REST API edits it,
 * and the scorer compiles a matcher from whatever list it is given (never from module constants).
 *
 * Terms are matched case-insensitively on word boundaries; "GPT-4o", "GPT 4o" and "gpt4o" are the
 * same term (letters, digits and "+" are compared, joiners such as "-", "." and spaces are not).
 */
export interface LabDefinition {
  /** Stable id, lower-case kebab (e.g. "google-deepmind"); what mentions and rollups refer to. */
  slug: string;
  /** Display name. */
  name: string;
  /** Unambiguous names of the lab or company ("OpenAI", "Google DeepMind"). */
  aliases: string[];
  /** Unambiguous products and models ("ChatGPT", "GPT-4o", "DeepSeek R1"). */
  products: string[];
  /** Unambiguous people ("Sam Altman", "Zuck"). */
  people: string[];
  /** Platform handles, with the "@" ("@OpenAI"); matched whole, case-insensitively. */
  handles: string[];
  /** Hashtags, with the "#" ("#ChatGPT"); matched whole, case-insensitively. */
  hashtags: string[];
  /** Terms of this lab's own world that make any of its ambiguous terms count (e.g. "anthropic" for "Sonnet"). */
  context: string[];
  /** Names that also mean something else ("Gemini", "Meta", "Llama", "o1"); each needs evidence. */
  ambiguous: AmbiguousTerm[];
}

export type LabTermKind = 'alias' | 'product' | 'person' | 'handle' | 'hashtag';

/** Why an ambiguous name does or does not refer to the lab; all fields are optional evidence sources. */
export interface AmbiguousTerm {
  text: string;
  kind: 'alias' | 'product' | 'person';
  /**
   * Regular-expression source (flags "iu"), tested on the text right after the term; a match is
   * enough evidence ("Gemini 2.5", "Llama 4", "o3-mini", "Claude Sonnet").
   */
  acceptSuffix?: string;
  /** Extra terms anywhere in the post that support the lab reading (added to the lab's `context`). */
  support?: string[];
  /** Terms near the term that rule the lab reading out ("horoscope", "wind", "visa"). */
  veto?: string[];
  /** How many words either side `veto` looks at; default 6. */
  vetoWindow?: number;
  /**
   * "require": a surface whose case differs from `text` (or its all-caps form) is rejected ("Meta" vs
   * "so meta"). "accept-exact": the exact-case surface needs no evidence ("xAI"), other cases do ("XAI").
   */
  caseRule?: 'require' | 'accept-exact';
  /** Whether a clear mention of another lab in the post counts as support; default true. */
  otherLabsSupport?: boolean;
}
