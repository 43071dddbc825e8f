import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppPubSub } from '../pubsub.js';
import { buildAppSchema, printAppSchema } from '../../schema.js';

// server/src/platform/__tests__ → repository root.
const SCHEMA_FILE = fileURLToPath(new URL('../../../../schema.graphql', import.meta.url));

describe('schema.graphql', () => {
  it('matches the schema the server code builds', async () => {
    expect(existsSync(SCHEMA_FILE), `${SCHEMA_FILE} is missing: run \`pnpm schema\` and commit it`).toBe(true);
    const built = printAppSchema(await buildAppSchema(createAppPubSub()));
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === built, `${SCHEMA_FILE} is out of date with the server code: run \`pnpm schema\` and commit the result`).toBe(true);
  });

  it('keeps the contract operations', async () => {
    const built = printAppSchema(await buildAppSchema(createAppPubSub()));
    for (const operation of [
      'me: User!',
      'signUp(input: SignUpInput!): AuthPayload!',
      'signIn(input: SignInInput!): AuthPayload!',
      'createApiKey(input: CreateApiKeyInput!): CreatedApiKey!',
      'revokeApiKey(id: ID!): ApiKey!',
    ]) {
      expect(built).toContain(operation);
    }
  });
});
