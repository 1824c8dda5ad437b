import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { USER_ROLES } from '../graphql/access.js';
import { signToken } from '../graphql/auth.js';
import { ensureDemoLabClient, ensureDemoPartnerClient } from './demo-partner.js';

/** Prints a ready-made token per user role and the demo partner client's credentials (embedded demo only). */
export async function printDemoTokens(secret: string, practiceId: string, port: number, config: Config, db: Db): Promise<void> {
  const lines = [`\nmedoffice demo is ready: GraphiQL at http://localhost:${port}/graphql`, 'Demo tokens (12 h; header: Authorization: Bearer <token>):'];
  for (const role of USER_ROLES) {
    const token = await signToken(secret, { userId: `demo-${role.toLowerCase()}`, practiceId, roles: [role] }, { issuer: config.jwtIssuer, audience: config.jwtAudience });
    lines.push(`  ${role.padEnd(15)} ${token}`);
  }
  const partner = await ensureDemoPartnerClient(db, practiceId);
  const lab = await ensureDemoLabClient(db, practiceId);
  lines.push(
    'Demo partner client (every data scope; a new secret at each start). Get a token, narrowed with scope=… if you like:',
    `  curl -s -u '${partner.clientId}:${partner.clientSecret}' -d grant_type=client_credentials -d 'scope=patients:read-demographics scheduling:read' http://localhost:${port}/oauth/token`,
    'Demo lab interface client (results:write only: posts HL7 v2 ORU to /results/hl7 and FHIR bundles to /results/fhir):',
    `  curl -s -u '${lab.clientId}:${lab.clientSecret}' -d grant_type=client_credentials http://localhost:${port}/oauth/token`,
  );
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
