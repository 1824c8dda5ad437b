import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new public client id: "pc_" and 16 random bytes. */
export const newClientId = (): string => `pc_${randomBytes(16).toString('base64url')}`;

/** A new client secret: 32 random bytes (256 bits), so a fast hash is as strong as a slow one. */
export const newClientSecret = (): string => `pcs_${randomBytes(32).toString('base64url')}`;

/** The stored form of a secret: hex SHA-256. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
