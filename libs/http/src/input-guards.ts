/**
 * Input no route can store or walk safely, refused once for every route of every service before any of them sees it:
 * a NUL character (PostgreSQL's text type cannot hold one), JSON nested deeper than anything Gongzhi accepts (code
 * that walks it recursively, like a request hash, would overflow the stack), and a URL path that is not valid
 * percent-encoding. Each is the caller's mistake, so each is a 400 problem naming the field, never a 500.
 */
import type { RequestHandler } from 'express';
import { type FieldIssue, ValidationError } from '@gongzhi/errors';

/** Deepest JSON nesting accepted; Gongzhi's deepest request schema needs a handful of levels. */
export const MAX_JSON_DEPTH = 64;

/** Enough to show the caller the pattern without building a huge problem from a huge body. */
const MAX_ISSUES = 20;
const NUL = '\u0000';
const NUL_MESSAGE = 'remove the NUL character (\\u0000): text cannot contain it';

/** What the guards found in one part of the request. */
export interface UnstorableInput {
  /** The nesting went past {@link MAX_JSON_DEPTH} (the walk stopped there). */
  tooDeep: boolean;
  /** Strings (or keys) with a NUL character, by field path. */
  issues: FieldIssue[];
}

function isWalkable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  // Only what JSON.parse and the query parser make: a Buffer (a raw upload) is bytes, not fields.
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/**
 * Walks a parsed value without recursion (so the walk itself cannot overflow), depth first in document order, and
 * reports NUL characters by path and nesting beyond `maxDepth`. The top-level object or array is level 1.
 */
export function findUnstorableInput(value: unknown, maxDepth: number = MAX_JSON_DEPTH): UnstorableInput {
  const issues: FieldIssue[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0 && issues.length < MAX_ISSUES) {
    const { value: current, path, depth } = pending.pop() as { value: unknown; path: string; depth: number };
    if (typeof current === 'string') {
      if (current.includes(NUL)) issues.push({ path: path || '(body)', message: NUL_MESSAGE });
      continue;
    }
    if (!isWalkable(current)) continue;
    if (depth + 1 > maxDepth) return { tooDeep: true, issues };
    const entries: [string, unknown][] = Array.isArray(current)
      ? current.map((item, index) => [String(index), item])
      : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, item] = entries[i] as [string, unknown];
      const keyPath = childPath(path, key.replaceAll(NUL, '\\u0000'));
      if (key.includes(NUL)) issues.push({ path: keyPath, message: `${NUL_MESSAGE} (in the field name)` });
      pending.push({ value: item, path: keyPath, depth: depth + 1 });
    }
  }
  return { tooDeep: false, issues: issues.slice(0, MAX_ISSUES) };
}

/**
 * Before the body is read: the path must be valid percent-encoding without NUL, and the query string's values (the
 * query parser decodes `%00`) must hold no NUL either.
 */
export const guardUrl: RequestHandler = (req, _res, next) => {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    next(
      new ValidationError('The URL path is not valid percent-encoding: encode each reserved byte as %XX (UTF-8).', [
        { path: '(path)', message: 'malformed percent-encoding' },
      ]),
    );
    return;
  }
  if (path.includes(NUL)) {
    next(new ValidationError('The URL path contains a NUL character.', [{ path: '(path)', message: NUL_MESSAGE }]));
    return;
  }
  const query = findUnstorableInput(req.query);
  if (query.tooDeep || query.issues.length > 0) {
    next(
      new ValidationError(
        query.tooDeep
          ? `The query string nests deeper than ${MAX_JSON_DEPTH} levels: send flat parameters.`
          : 'The query string contains a NUL character: see `errors`.',
        query.tooDeep ? [{ path: '(query)', message: 'nested too deeply' }] : query.issues,
      ),
    );
    return;
  }
  next();
};

/** After the JSON body parser: bounds the nesting and refuses NUL characters in any string or field name. */
export const guardJsonBody: RequestHandler = (req, _res, next) => {
  const found = findUnstorableInput(req.body);
  if (found.tooDeep) {
    next(
      new ValidationError(
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels, which no route of this API accepts.`,
        [{ path: '(body)', message: `nest at most ${MAX_JSON_DEPTH} levels deep` }],
      ),
    );
    return;
  }
  if (found.issues.length > 0) {
    next(new ValidationError('Some text contains a NUL character: see `errors`.', found.issues));
    return;
  }
  next();
};
