import { SignJWT, errors, jwtVerify } from 'jose';
import { UnauthenticatedError } from '../../platform/errors.js';

const ISSUER = 'tollgate';
const AUDIENCE = 'tollgate';

export interface SessionClaims {
  userId: string;
  /** The user's session epoch when the token was issued (0 for tokens from before epochs existed). */
  epoch: number;
}

/** HS256 session tokens (jose). The role is not trusted from the token; it is read per request. */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `epoch`: app_user.session_epoch now; a password change or reset raises it, ending older tokens. */
  async issue(userId: string, now = new Date(), epoch = 0): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT(epoch > 0 ? { sv: epoch } : {})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<SessionClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string') throw new UnauthenticatedError('Session token is invalid');
      const epoch = payload.sv === undefined ? 0 : payload.sv;
      if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) throw new UnauthenticatedError('Session token is invalid');
      return { userId: payload.sub, epoch };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new UnauthenticatedError('Session expired; sign in again');
      if (err instanceof UnauthenticatedError) throw err;
      throw new UnauthenticatedError('Session token is invalid');
    }
  }
}

/** A JWT has three dot-separated parts; an API key starts with `tg_`. */
export function looksLikeJwt(credential: string): boolean {
  return credential.split('.').length === 3;
}
