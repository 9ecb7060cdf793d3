/**
 * A small evaluator for X search queries (docs/platform-apis.md#x-query-syntax): AND by space, OR, `-` negation,
 * ( ) grouping, "exact phrases", #hashtags, @mentions and the common operators. Matching is
 * case- and accent-insensitive on token boundaries. It is not the real engine: it exists so the
 * fake returns only posts a query could plausibly match and rejects malformed queries.
 */
export interface XQueryCandidate {
  text: string;
  /** normalizeQueryText(text), when the caller keeps it (a large fake answers thousands of searches). */
  normalizedText?: string;
  lang: string;
  username: string;
  verified: boolean;
  isRetweet: boolean;
  isReply: boolean;
  isQuote: boolean;
  conversationId: string;
  likes: number;
  replies: number;
  reposts: number;
}

export class XQuerySyntaxError extends Error {}

type Node =
  | { type: 'or'; children: Node[] }
  | { type: 'and'; children: Node[] }
  | { type: 'not'; child: Node }
  | { type: 'term'; standalone: boolean; test: (post: XQueryCandidate, normalizedText: string) => boolean };

export type XQueryMatcher = (post: XQueryCandidate) => boolean;

const STANDALONE_OPERATORS = new Set([
  'from',
  'to',
  'url',
  'retweets_of',
  'conversation_id',
  'context',
  'entity',
  'list',
  'in_reply_to_tweet_id',
  'quotes_of_tweet_id',
  'place',
  'min_likes',
  'min_replies',
  'min_reposts',
]);
const CONJUNCTION_OPERATORS = new Set(['is', 'has', 'lang']);

export function compileXQuery(query: string): XQueryMatcher {
  const parser = new Parser(tokenize(query));
  const root = parser.parseOr();
  if (!parser.done()) throw new XQuerySyntaxError(`There were errors processing your request: unexpected ')' in query`);
  if (!hasStandalone(root, false)) {
    throw new XQuerySyntaxError(
      'There were errors processing your request: Rules must contain a non-negation term (at position 1)',
    );
  }
  return (post) => evaluate(root, post, post.normalizedText ?? normalizeQueryText(post.text));
}

/** The text as query terms are compared with it: accents stripped, lower case. */
export function normalizeQueryText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(-?"[^"]*"|\(|\)|-\(|[^\s()]+)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(query)) !== null) {
    if (match[1] !== undefined) tokens.push(match[1]);
    if (pattern.lastIndex >= query.length) break;
  }
  if (tokens.length === 0) throw new XQuerySyntaxError('The `query` query parameter can not be empty');
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: string[]) {}

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  parseOr(): Node {
    const children = [this.parseAnd()];
    while (this.tokens[this.position] === 'OR') {
      this.position += 1;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0] : { type: 'or', children };
  }

  private parseAnd(): Node {
    const children: Node[] = [];
    while (!this.done() && this.tokens[this.position] !== ')' && this.tokens[this.position] !== 'OR') {
      children.push(this.parseUnary());
    }
    if (children.length === 0)
      throw new XQuerySyntaxError('There were errors processing your request: empty expression');
    return children.length === 1 ? children[0] : { type: 'and', children };
  }

  private parseUnary(): Node {
    const token = this.tokens[this.position];
    this.position += 1;
    if (token === '-(') {
      throw new XQuerySyntaxError('There were errors processing your request: negating a group is not supported');
    }
    if (token === '(') {
      const inner = this.parseOr();
      if (this.tokens[this.position] !== ')')
        throw new XQuerySyntaxError('There were errors processing your request: missing )');
      this.position += 1;
      return inner;
    }
    if (token.startsWith('-') && token.length > 1) return { type: 'not', child: term(token.slice(1)) };
    return term(token);
  }
}

function term(token: string): Node {
  if (token.startsWith('"')) return boundaryTerm(token.slice(1, -1));
  const colon = token.indexOf(':');
  if (colon > 0 && /^[a-z_]+$/.test(token.slice(0, colon)))
    return operatorTerm(token.slice(0, colon), token.slice(colon + 1));
  return boundaryTerm(token);
}

function boundaryTerm(raw: string): Node {
  const needle = normalizeQueryText(raw).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])${needle}($|[^\\p{L}\\p{N}_])`, 'u');
  return { type: 'term', standalone: true, test: (_post, text) => pattern.test(text) };
}

function operatorTerm(name: string, value: string): Node {
  const lower = value.toLowerCase();
  const number = Number(value);
  const standalone = STANDALONE_OPERATORS.has(name);
  if (!standalone && !CONJUNCTION_OPERATORS.has(name)) {
    throw new XQuerySyntaxError(`There were errors processing your request: Reference to invalid operator '${name}'`);
  }
  const test = ((): ((post: XQueryCandidate, text: string) => boolean) => {
    switch (name) {
      case 'lang':
        return (post) => post.lang === lower;
      case 'from':
        return (post) => post.username.toLowerCase() === lower.replace(/^@/, '');
      case 'url':
        return (_post, text) => text.includes(lower);
      case 'conversation_id':
        return (post) => post.conversationId === value;
      case 'min_likes':
        return (post) => post.likes >= number;
      case 'min_replies':
        return (post) => post.replies >= number;
      case 'min_reposts':
        return (post) => post.reposts >= number;
      case 'is':
        return isOperator(lower);
      case 'has':
        return hasOperator(lower);
      default:
        // Valid operators the fake keeps no data for match nothing.
        return () => false;
    }
  })();
  return { type: 'term', standalone, test };
}

function isOperator(value: string): (post: XQueryCandidate) => boolean {
  switch (value) {
    case 'retweet':
      return (post) => post.isRetweet;
    case 'reply':
      return (post) => post.isReply;
    case 'quote':
      return (post) => post.isQuote;
    case 'verified':
      return (post) => post.verified;
    case 'nullcast':
      return () => false;
    default:
      throw new XQuerySyntaxError(
        `There were errors processing your request: Reference to invalid field 'is:${value}'`,
      );
  }
}

function hasOperator(value: string): (post: XQueryCandidate, text: string) => boolean {
  switch (value) {
    case 'links':
      return (_post, text) => /https?:\/\//.test(text);
    case 'mentions':
      return (_post, text) => /(^|\s)@\w/.test(text);
    case 'hashtags':
      return (_post, text) => /(^|\s)#\w/.test(text);
    case 'media':
    case 'images':
    case 'video_link':
    case 'geo':
      return () => false;
    default:
      throw new XQuerySyntaxError(
        `There were errors processing your request: Reference to invalid field 'has:${value}'`,
      );
  }
}

function hasStandalone(node: Node, negated: boolean): boolean {
  switch (node.type) {
    case 'term':
      return node.standalone && !negated;
    case 'not':
      return hasStandalone(node.child, true);
    case 'and':
      return node.children.some((child) => hasStandalone(child, negated));
    case 'or':
      return node.children.every((child) => hasStandalone(child, negated));
  }
}

function evaluate(node: Node, post: XQueryCandidate, text: string): boolean {
  switch (node.type) {
    case 'term':
      return node.test(post, text);
    case 'not':
      return !evaluate(node.child, post, text);
    case 'and':
      return node.children.every((child) => evaluate(child, post, text));
    case 'or':
      return node.children.some((child) => evaluate(child, post, text));
  }
}
