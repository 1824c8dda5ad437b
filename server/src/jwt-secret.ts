import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

/**
 * The HS256 secret: JWT_SECRET when set; for the embedded demo only, a random secret kept beside the
 * PGlite data (mode 0600) so printed tokens survive restarts.
 */
export function resolveJwtSecret(config: Config): string | undefined {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.databaseUrl) return undefined;
  const file = join(config.pgliteDataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.pgliteDataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
