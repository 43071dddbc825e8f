import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Resolvers map arguments → a service call → a GraphQL type (docs/decisions/0042-authorization-in-one-place.md).
 * They do not touch the EntityManager, do not validate arguments and do not authorise by hand: that
 * is the services' (and their validate files') and the auth checker's. A static check, so it stays so.
 */
const modules = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function resolverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === '__tests__') return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return resolverFiles(path);
    return e.name.endsWith('.resolver.ts') ? [path] : [];
  });
}

const RULES: Array<[string, RegExp]> = [
  ['imports MikroORM (the EntityManager belongs in services)', /from '@mikro-orm\//],
  ['names the EntityManager', /\bEntityManager\b/],
  ['reads ctx.em / context.em', /\b(ctx|context)\.em\b/],
  ['validates arguments (BadUserInputError belongs in a service or a validate file)', /\bBadUserInputError\b/],
  ['authorises by hand (ForbiddenError: use @Authorized and requirements.ts)', /\bForbiddenError\b/],
  ["checks the principal's scopes, role or kind by hand (use @Authorized)", /principal!?\??\.(scopes|role|via)\b|\bp\.(scopes|role|via)\b/],
];

describe('resolver files', () => {
  const files = resolverFiles(modules);

  it('are found (the check cannot pass by finding none)', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it('neither touch the EntityManager, nor validate, nor authorise inline', () => {
    const broken = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return RULES.filter(([, re]) => re.test(source)).map(([why]) => `${relative(modules, file)}: ${why}`);
    });
    expect(broken).toEqual([]);
  });
});
