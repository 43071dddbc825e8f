import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../platform/context.js';
import { adminOperations } from './admin-operations.js';
import { scrubForAudit } from './audit.scrub.js';
import { AUDIT_SPECS, guessSpec, type AuditSpec } from './audit.snapshots.js';

/**
 * Every admin mutation leaves one admin_audit row, done once here rather than in each resolver
 * (docs/decisions/0028-user-management.md). The built schema's admin Mutation fields are wrapped:
 * the authorization check runs inside (type-graphql's), so a refused call throws before anything is
 * read or written; on success the state is snapshotted again and the row is written in the same
 * request. Failed mutations are not recorded. A failed audit insert is logged as an error and the
 * mutation still answers: its change is committed, and an error would invite a retry of it.
 */
export function auditAdminMutations(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const name of adminOperations(schema, 'mutation')) {
    const field = fields[name]!;
    field.resolve = recorded(name, field.resolve ?? defaultFieldResolver);
  }
  return schema;
}

function recorded(action: string, inner: GraphQLFieldResolver<unknown, RequestContext>): GraphQLFieldResolver<unknown, RequestContext> {
  const spec: AuditSpec | undefined = AUDIT_SPECS[action];
  return async (root, args, ctx, info) => {
    // Only an admin gets past the check inside `inner`; anyone else is refused before a snapshot is read.
    const isAdmin = ctx.principal?.role === 'admin';
    const before = isAdmin && spec?.snapshot ? await snapshot(ctx, action, () => spec.snapshot!(ctx.services.admin.sql, args)) : null;
    const result = await inner(root, args, ctx, info);
    await record(ctx, action, spec ?? guessSpec(args), args, before, result);
    return result;
  };
}

async function snapshot(ctx: RequestContext, action: string, read: () => Promise<unknown>): Promise<unknown> {
  try {
    return scrubForAudit(await read());
  } catch (err) {
    ctx.log.warn({ err, action }, 'audit: could not read the state before an admin action');
    return null;
  }
}

async function record(ctx: RequestContext, action: string, spec: AuditSpec, args: Record<string, unknown>, before: unknown, result: unknown): Promise<void> {
  const principal = ctx.principal;
  if (!principal) return;
  try {
    const output = scrubForAudit(result);
    const state = spec.snapshot ? await snapshot(ctx, action, () => spec.snapshot!(ctx.services.admin.sql, args)) : undefined;
    const after = state === undefined ? output : { ...(state as Record<string, unknown> | null), result: output };
    const targetId = spec.target(args, result);
    await ctx.services.admin.audit.append({
      actorId: principal.userId,
      actorEmail: principal.email,
      action,
      targetType: spec.targetType,
      targetId,
      summary: summarize(action, spec.targetType, targetId, before, state),
      args: scrubForAudit(args),
      before,
      after,
    });
  } catch (err) {
    ctx.log.error({ err, action, actorId: principal.userId }, 'audit: an admin action succeeded but its audit row could not be written');
  }
}

/** One line for people: the action, the target and what changed among the snapshot's fields. */
function summarize(action: string, targetType: string, targetId: string | null, before: unknown, after: unknown): string {
  const head = `${action} ${targetType}${targetId ? ` ${targetId}` : ''}`;
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return head;
  const changes: string[] = [];
  for (const [key, value] of Object.entries(after as Record<string, unknown>)) {
    const old = (before as Record<string, unknown>)[key];
    if (JSON.stringify(old) !== JSON.stringify(value) && key !== 'updated_at') changes.push(`${key}: ${fmt(old)} → ${fmt(value)}`);
  }
  return changes.length ? `${head}: ${changes.slice(0, 6).join(', ')}` : head;
}

const fmt = (value: unknown) =>
  value === null || value === undefined ? '∅' : typeof value === 'object' ? JSON.stringify(value).slice(0, 60) : String(value).slice(0, 60);
