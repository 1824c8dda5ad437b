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
    const verifier = createTokenVerifier({ secret: SECRET });
    const token = await signToken(SECRET, who, { expiresIn: '2m' });
    expect(await verifier.verify(token)).toEqual(who);
    expect(await verifier.verify(token)).toEqual(who);
    vi.setSystemTime(new Date('2026-11-27T10:02:01Z'));
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('does not accept a forged token because a genuine one with the same claims was remembered', async () => {
    const verifier = createTokenVerifier({ secret: SECRET });
    const token = await signToken(SECRET, who, { expiresIn: '1h' });
    await verifier.verify(token);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
