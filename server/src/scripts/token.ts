// The demo seed now loads modules with type-graphql decorators, which need the metadata polyfill first.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DEMO_PRACTICE_ID } from '../demo/seed-demo.js';
import { signToken } from '../graphql/auth.js';
import { ALL_ROLES, type Role } from '../graphql/roles.js';
import { resolveJwtSecret } from '../jwt-secret.js';
import { runScript, UsageError } from './cli.js';

const USAGE = `Usage: pnpm -s run token --role <ROLE>[,<ROLE>…] [--practice <uuid>] [--user <id>] [--expires 12h]
  ("pnpm token" is a pnpm built-in, hence "run".) Prints a signed access token (send it as
  "Authorization: Bearer <token>"), signed with the same secret
  the server uses: JWT_SECRET, or the embedded demo's generated secret in PGLITE_DATA_DIR.
  --role      one or more of ${ALL_ROLES.join(', ')} (repeat the flag or separate with commas)
  --practice  the practice (tenant) id; default: the demo practice ${DEMO_PRACTICE_ID}
  --user      the user id put in the token's subject; default: cli-<first role, lower case>
  --expires   lifetime such as 30m, 12h; default 12h (the server refuses more than JWT_MAX_LIFETIME_SECONDS)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

runScript(async () => {
  const { values } = (() => {
    try {
      return parseArgs({ options: { role: { type: 'string', multiple: true }, practice: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string' }, help: { type: 'boolean' } } });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  })();
  if (values.help) return void console.log(USAGE);
  const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase()).filter(Boolean);
  if (roles.length === 0) throw new UsageError('--role is required');
  const unknown = roles.filter((r) => !ALL_ROLES.includes(r as Role));
  if (unknown.length) throw new UsageError(`unknown role: ${unknown.join(', ')}`);
  const practiceId = values.practice ?? DEMO_PRACTICE_ID;
  if (!UUID.test(practiceId)) throw new UsageError('--practice must be a uuid');
  const expiresIn = values.expires ?? '12h';
  if (!/^\d+[smhd]$/.test(expiresIn)) throw new UsageError('--expires must look like 30m, 12h or 7d');

  const config = loadConfig();
  const secret = resolveJwtSecret(config);
  if (!secret) throw new UsageError('JWT_SECRET is not set: with JWT_JWKS_URL only, tokens come from your identity provider');
  const userId = values.user ?? `cli-${roles[0]!.toLowerCase()}`;
  console.log(await signToken(secret, { userId, practiceId, roles: roles as Role[] }, { expiresIn, issuer: config.jwtIssuer, audience: config.jwtAudience }));
}, USAGE);
