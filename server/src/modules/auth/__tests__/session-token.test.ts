import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { SessionTokens } from '../session-token.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const tokens = new SessionTokens(SECRET, 3600);
const USER = '00000000-0000-4000-8000-000000000001';

/** A token signed with the right key but a session epoch (`sv`) of our choosing. */
const withEpoch = (sv: unknown) =>
  new SignJWT({ sv })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(USER)
    .setIssuer('tollgate')
    .setAudience('tollgate')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

describe('session tokens carry the session epoch (decision 0050)', () => {
  it('reads back the epoch a token was issued at', async () => {
    const { token } = await tokens.issue(USER, new Date(), 3);
    await expect(tokens.verify(token)).resolves.toEqual({ userId: USER, epoch: 3 });
  });

  it('issues epoch 0 without the claim, as every token before epochs existed', async () => {
    const { token } = await tokens.issue(USER);
    expect(decodeJwt(token).sv).toBeUndefined();
    await expect(tokens.verify(token)).resolves.toEqual({ userId: USER, epoch: 0 });
  });

  it.each([-1, 1.5, '2', null, {}])('refuses a token whose epoch is %j', async (sv) => {
    await expect(tokens.verify(await withEpoch(sv))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
