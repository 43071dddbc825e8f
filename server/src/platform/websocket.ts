import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { RequestContext } from './context.js';
import { badInput, literalInputRule } from './graphql-input.js';
import { depthRule, operationProblems } from './graphql-limits.js';
import { findUnstorable, unstorableMessage } from './unstorable.js';

export interface WebSocketOptions {
  schema: GraphQLSchema;
  path: string;
  maxDepth: number;
  maxComplexity: number;
  /** `account`: the team a session acts for (`connectionParams.account`, as the HTTP header X-Tollgate-Account). */
  context: (authorization: string | undefined, ip: string, account: string | undefined) => Promise<RequestContext>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/**
 * graphql-ws on the HTTP server's port and path. Every operation gets its own context, built from
 * `connectionParams.authorization`, so a key revoked mid-connection stops working at the next
 * operation. The same limits and error mapping as HTTP apply.
 */
export function attachWebSocket(httpServer: Server, options: WebSocketOptions) {
  const wsServer = new WebSocketServer({ server: httpServer, path: options.path });
  const rules = [...specifiedRules, literalInputRule, depthRule(options.maxDepth)];
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => options.formatError(e.toJSON(), e));
  const disposable = useServer(
    {
      schema: options.schema,
      onSubscribe: async (ctx, _id, payload) => {
        // The same edge guard as HTTP's: nothing PostgreSQL cannot store gets past here.
        const unstorable = findUnstorable(payload, 'payload') ?? findUnstorable(ctx.connectionParams, 'connectionParams');
        if (unstorable) return [badInput(unstorableMessage(unstorable))];
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return [withCode(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(options.schema, document, rules);
        if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [withCode(new GraphQLError('Unable to identify the operation'), 'OPERATION_RESOLUTION_FAILURE')];
        // Bad variables (by variable, path and reason) or a complexity past the budget.
        const problems = operationProblems(options.schema, document, payload.variables, payload.operationName, options.maxComplexity);
        if (problems.length > 0) return problems;
        const authorization = ctx.connectionParams?.authorization;
        const ip = ctx.extra.request.socket.remoteAddress ?? 'unknown';
        const account = ctx.connectionParams?.account;
        const contextValue = await options.context(
          typeof authorization === 'string' ? authorization : undefined,
          ip,
          typeof account === 'string' ? account : undefined,
        );
        // So a suspension (or the end of a team membership) can close this user's live subscriptions on this replica (modules/admin/live-sessions.ts).
        const principal = contextValue.principal;
        if (principal) contextValue.services.admin.sessions.track(principal.userId, ctx.extra.socket, principal.accountId);
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
    },
    wsServer,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

export const newRequestId = () => randomUUID();

/** Tags graphql-js request errors with Apollo's codes, so formatError maps them as it does for HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}
