import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, signToken } from './auth.js';
import { Role } from './roles.js';

const SECRET = 'token-verifier-test-secret-0123456789-abcdef';
const who = { userId: 'u1', practiceId: '00000000-0000-4000-8000-000000000001', roles: [Role.FRONT_DESK] };

afterEach(() => {
  vi.useRealTimers();
});

describe('token verifier', () => {
  it('remembers a verified token, but never past its exp', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T10:00:00Z'), toFake: ['Date'] });
    // No clock skew here: with the default 60 s, the token itself is still valid a second after exp.
    const verifier = createTokenVerifier({ secret: SECRET, clockSkewSeconds: 0 });
    const token = await signToken(SECRET, who, { expiresIn: '2m' });
    expect(await verifier.verify(token)).toEqual(who);
    expect(await verifier.verify(token)).toEqual(who);
    vi.setSystemTime(new Date('2026-11-27T10:02:01Z'));
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('signs a token that lives exactly as long as asked, even when the clock ticks over a second while signing', async () => {
    // Every reading of this clock is a millisecond later than the one before, starting at .999 of a second.
    const RealDate = Date;
    let ms = Date.parse('2026-11-27T10:00:00.999Z');
    class TickingDate extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(ms++);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now() {
        return ms++;
      }
    }
    vi.stubGlobal('Date', TickingDate);
    try {
      const token = await signToken(SECRET, who);
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
      expect(claims.exp - claims.iat).toBe(12 * 3600);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('does not accept a forged token because a genuine one with the same claims was remembered', async () => {
    const verifier = createTokenVerifier({ secret: SECRET });
    const token = await signToken(SECRET, who, { expiresIn: '1h' });
    await verifier.verify(token);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

/** An HS256 token with exactly these claims (no defaults), to test the time rules. */
async function rawToken(claims: Record<string, unknown>): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({ practice_id: who.practiceId, roles: who.roles, sub: who.userId, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));
}

describe('token time rules', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const refused = { extensions: { code: 'UNAUTHENTICATED' } };

  it('refuses a token without exp (it would never expire)', async () => {
    const verifier = createTokenVerifier({ secret: SECRET });
    await expect(verifier.verify(await rawToken({ iat: now() }))).rejects.toMatchObject(refused);
  });

  it('refuses a token issued in the future beyond the clock skew, accepts one within it', async () => {
    const verifier = createTokenVerifier({ secret: SECRET, clockSkewSeconds: 60 });
    await expect(verifier.verify(await rawToken({ iat: now() + 300, exp: now() + 3600 }))).rejects.toMatchObject(refused);
    expect(await verifier.verify(await rawToken({ iat: now() + 30, exp: now() + 3600 }))).toEqual(who);
  });

  it('tolerates the clock skew for nbf, not more', async () => {
    const verifier = createTokenVerifier({ secret: SECRET, clockSkewSeconds: 60 });
    expect(await verifier.verify(await rawToken({ iat: now(), nbf: now() + 30, exp: now() + 3600 }))).toEqual(who);
    await expect(verifier.verify(await rawToken({ iat: now(), nbf: now() + 600, exp: now() + 3600 }))).rejects.toMatchObject(refused);
  });

  it('refuses a token living longer than the maximum lifetime (with or without iat)', async () => {
    const verifier = createTokenVerifier({ secret: SECRET, maxLifetimeSeconds: 12 * 3600 });
    await expect(verifier.verify(await rawToken({ iat: now(), exp: now() + 13 * 3600 }))).rejects.toMatchObject(refused);
    await expect(verifier.verify(await rawToken({ exp: now() + 13 * 3600 }))).rejects.toMatchObject(refused);
    expect(await verifier.verify(await rawToken({ iat: now(), exp: now() + 12 * 3600 }))).toEqual(who);
    await expect(verifier.verify(await signToken(SECRET, who, { expiresIn: '7d' }))).rejects.toMatchObject(refused);
  });
});
