import type express from 'express';

/**
 * Text PostgreSQL cannot store as sent. `text`/`varchar` refuse NUL (U+0000: "invalid byte sequence
 * for encoding UTF8: 0x00") and `jsonb` refuses the `\u0000` escape; a lone UTF-16 surrogate has no
 * UTF-8 form, so the pg driver (through Buffer.from) silently writes U+FFFD instead: a changed value,
 * not an error. Both are refused at the edge, before anything runs, rather than field by field.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'Text may not contain NUL (U+0000) or unpaired surrogate characters';

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Deep enough for any real request; deeper JSON is walked no further (the schema refuses it anyway). */
const MAX_WALK_DEPTH = 64;

/**
 * The path of the first key or string value in a parsed JSON value that cannot be stored (e.g.
 * `variables.input.email`), or null. Only the path is reported, never the value. Every request
 * passes through here, so the walk first only looks (no path strings, no key checks); the path is
 * built by a second walk once something was found.
 */
export function findUnstorable(value: unknown, path = ''): string | null {
  return holdsUnstorable(value, 0) ? pathToUnstorable(value, path, 0) : null;
}

function holdsUnstorable(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (value === null || typeof value !== 'object' || depth > MAX_WALK_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (holdsUnstorable(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (UNSTORABLE.test(key) || holdsUnstorable((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

function pathToUnstorable(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '(body)';
  if (value === null || typeof value !== 'object' || depth > MAX_WALK_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = pathToUnstorable(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    // Keys are named only when they look like field names: the path must not carry what was sent.
    const name = /^[\w$-]{1,64}$/.test(key) ? key : '<key>';
    const childPath = path ? `${path}.${name}` : name;
    if (!isStorableText(key)) return childPath;
    const found = pathToUnstorable(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Express middleware for a JSON edge (mount after `express.json`): a body or query string holding
 * unstorable text is answered by `refuse` with the offending path, and goes no further.
 */
export function refuseUnstorableInput(refuse: (res: express.Response, path: string) => void): express.RequestHandler {
  return (req, res, next) => {
    const path = findUnstorable(req.body, 'body') ?? findUnstorable(req.query, 'query') ?? findUnstorable(jsonParams(req.query), 'query');
    if (path) return void refuse(res, path);
    next();
  };
}

/** A GET request carries `variables` and `extensions` as JSON text: `\u0000` only appears once parsed. */
function jsonParams(query: unknown): Record<string, unknown> | null {
  if (!query || typeof query !== 'object') return null;
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string' || !/^\s*[[{"]/.test(value)) continue;
    try {
      parsed[key] = JSON.parse(value);
    } catch {
      // Not JSON: Apollo answers that itself.
    }
  }
  return parsed;
}

export const unstorableMessage = (path: string): string => `${UNSTORABLE_TEXT_MESSAGE} (at ${path})`;

/** The GraphQL edge's answer: the contract's error shape, HTTP 400, nothing run. */
export function refuseUnstorableGraphQL(res: express.Response, path: string): void {
  res.status(400).json({ errors: [{ message: unstorableMessage(path), extensions: { code: 'BAD_USER_INPUT', reason: 'UNSTORABLE_TEXT' } }] });
}
