import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { inputPlugin } from '../graphql-input.js';
import { complexityPlugin } from '../graphql-limits.js';
import { findUnstorable } from '../unstorable.js';

/**
 * The edge's checks are on every request's path: a valid request's variables are coerced by the
 * complexity count and by graphql-js to execute, and by nothing else (variableProblems only runs
 * once that coercion failed). Counted by reading the variables through a proxy.
 */
const schema = buildSchema(`
  input Ask { prompt: String! tags: [String!] }
  type Query { echo(input: Ask!): String! }
`);

async function serve() {
  const server = new ApolloServer({
    schema,
    rootValue: { echo: ({ input }: { input: { prompt: string } }) => input.prompt },
    plugins: [inputPlugin(schema), complexityPlugin(schema, 100)],
  });
  await server.start();
  return server;
}

function counted(input: Record<string, unknown>) {
  const reads = { prompt: 0 };
  const proxy = new Proxy(input, {
    get(target, key, receiver) {
      if (key === 'prompt') reads.prompt += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { proxy, reads };
}

describe('variables on the request path', () => {
  it('are coerced twice for a valid request: the complexity count, then execution', async () => {
    const server = await serve();
    const { proxy, reads } = counted({ prompt: 'hello', tags: ['a'] });
    const res = await server.executeOperation({ query: 'query($i: Ask!) { echo(input: $i) }', variables: { i: proxy } });
    expect(res.body.kind === 'single' && res.body.singleResult).toMatchObject({ data: { echo: 'hello' } });
    expect(reads.prompt).toBe(2);
    await server.stop();
  });

  it('a bad one is still named by variable, path and reason, without its value', async () => {
    const server = await serve();
    const res = await server.executeOperation({
      query: 'query($i: Ask!) { echo(input: $i) }',
      variables: { i: { prompt: { secret: 'sk-not-echoed-123456' } } },
    });
    const result = res.body.kind === 'single' ? res.body.singleResult : null;
    expect(result?.errors?.[0]?.message).toMatch(/^Variable "\$i" got an invalid value at "i\.prompt"; Expected a value of type "String!"/);
    expect(JSON.stringify(result)).not.toContain('sk-not-echoed');
    await server.stop();
  });
});

describe('the unstorable-text walk', () => {
  it('reads each key of a clean body once and names the path only when something is found', () => {
    const { proxy, reads } = counted({ prompt: 'clean', tags: ['a', 'b'] });
    expect(findUnstorable({ variables: { i: proxy } }, 'body')).toBeNull();
    expect(reads.prompt).toBe(1);
    expect(findUnstorable({ variables: { i: { tags: ['ok', 'bad\u0000'] } } }, 'body')).toBe('body.variables.i.tags[1]');
    expect(findUnstorable({ variables: { 'odd key!': '\ud800' } }, 'body')).toBe('body.variables.<key>');
  });
});
