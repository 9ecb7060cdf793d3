import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { InvalidParametersException, type ParameterError } from './invalid-parameters.exception';

/** Deeper than any body the API takes (an ingest post's engagement is at depth 4). */
export const MAX_INPUT_DEPTH = 32;
/** Longer than any list the API takes (ingest: 1,000 posts); checked before the items are walked. */
export const MAX_ARRAY_ITEMS = 1_000;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const OWN_TEXT_CHECKS = Symbol('validatesOwnText');
// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units).
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Marks a body DTO whose items check their own strings (IngestBatchDto: each post is checked on its
 * own by the import line schema), so a bad string rejects that item rather than the whole request.
 */
export function ValidatesOwnText(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(OWN_TEXT_CHECKS, true, target);
  };
}

/**
 * Runs before ValidationPipe on every body, query and path parameter, and refuses, naming the
 * parameter, what no DTO rule sees safely:
 * - nesting deeper than MAX_INPUT_DEPTH (class-transformer recurses and overflows the stack: a 500);
 * - an array of more than MAX_ARRAY_ITEMS, before its items are walked (here or by class-transformer);
 * - the keys __proto__, constructor and prototype (class-transformer drops them silently, so they
 *   slip past forbidNonWhitelisted);
 * - text Postgres cannot store: U+0000 (a 500 from any text or jsonb column) and unpaired UTF-16
 *   surrogates (refused by jsonb, silently replaced by U+FFFD in text).
 */
@Injectable()
export class RequestInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const checkText = !(
      metadata.type === 'body' &&
      metadata.metatype &&
      Reflect.getMetadata(OWN_TEXT_CHECKS, metadata.metatype)
    );
    const error = findInputProblem(value, metadata.type === 'body' ? '' : (metadata.data ?? ''), checkText);
    if (error) throw new InvalidParametersException([error]);
    return value;
  }
}

/** The first problem in a parsed input, iteratively (a recursive walk would overflow on what it refuses). */
export function findInputProblem(root: unknown, rootName: string, checkText = true): ParameterError | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: rootName, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const name = path || '(body)';
    if (typeof value === 'string') {
      if (checkText) {
        const problem = textProblem(value);
        if (problem) return { parameter: name, message: `${name} ${problem}` };
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH)
      return { parameter: name, message: `${name} is nested more than ${MAX_INPUT_DEPTH} levels deep` };
    if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY_ITEMS)
        return { parameter: name, message: `${name} must hold at most ${MAX_ARRAY_ITEMS} items` };
      value.forEach((item, index) => stack.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) return { parameter: child, message: `${key} is not an accepted field name` };
      const problem = textProblem(key);
      if (problem) return { parameter: path || '(body)', message: `a field name ${problem}` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return null;
}

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must be valid Unicode (it has an unpaired surrogate)';
  return null;
}
