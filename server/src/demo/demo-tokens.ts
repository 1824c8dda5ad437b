import type { Config } from '../config.js';
import { signToken } from '../graphql/auth.js';
import { ALL_ROLES } from '../graphql/roles.js';

/** Prints a ready-made token per role for the demo practice (embedded demo only). */
export async function printDemoTokens(secret: string, practiceId: string, port: number, config: Config): Promise<void> {
  const lines = [`\nmedoffice demo is ready: GraphiQL at http://localhost:${port}/graphql`, 'Demo tokens (12 h; header: Authorization: Bearer <token>):'];
  for (const role of ALL_ROLES) {
    const token = await signToken(secret, { userId: `demo-${role.toLowerCase()}`, practiceId, roles: [role] }, { issuer: config.jwtIssuer, audience: config.jwtAudience });
    lines.push(`  ${role.padEnd(15)} ${token}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
