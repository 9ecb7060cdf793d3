// `s.charCodeAt(i)` on a string primitive looks the method up on String.prototype. Once any object
// has String.prototype in its prototype chain (ioredis defines `class VerbatimString extends String`,
// so every worker process has one), V8 stops inlining that lookup and the call runs ~4x slower: the
// scorer ran ~45% slower in a worker than alone (bench:scale). Calling the captured builtin does not
// depend on String.prototype, so it stays inlined.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(s, i) below
const charCodeAtBuiltin = String.prototype.charCodeAt;

/** `s.charCodeAt(i)`, without the String.prototype lookup (see above). */
export function charCode(s: string, i: number): number {
  return charCodeAtBuiltin.call(s, i);
}
