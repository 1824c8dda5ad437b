import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { imports } from '../db/schema/imports.js';
import { payers } from '../db/schema/insurance.js';
import type { Principal } from '../graphql/auth.js';
import { Role } from '../graphql/roles.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { upsertMapping } from '../modules/imports/import-mapping.repo.js';
import { runImport } from '../modules/imports/import.service.js';
import { payersImport } from '../modules/insurance/payers.import.js';

const enc = new TextEncoder();

/**
 * Shows imports in the demo: a saved PATIENTS column mapping (for an old system's export: "First Name",
 * "Last Name", "DOB", "Sex", "Chart #" ignored), a dry run and a GOOD_ROWS commit of a small payers file
 * whose last row repeats a payer of the directory — so `imports`, `importProblems`, `importMappings` and
 * GET /imports/<id>/rejected.csv have something to show. A second run adds nothing.
 * @returns how many import runs this call recorded
 */
export async function seedDemoImports(db: Db, practiceId: string): Promise<number> {
  const [done] = await db.select({ id: imports.id }).from(imports).where(and(eq(imports.practiceId, practiceId), eq(imports.fileName, 'demo-payers.csv')));
  if (done) return 0;
  const principal: Principal = { userId: 'demo-admin', practiceId, roles: [Role.PRACTICE_ADMIN] };
  const audit = new AuditTrail(principal, 'demo-seed', 'seedDemoImports');
  await upsertMapping(
    db,
    practiceId,
    'PATIENTS',
    [
      { header: 'First Name', column: 'given_name' },
      { header: 'Last Name', column: 'family_name' },
      { header: 'DOB', column: 'date_of_birth' },
      { header: 'Sex', column: 'sex_at_birth' },
      { header: 'Chart #', column: null },
    ],
    principal.userId,
  );
  const [existing] = await db.select({ edi: payers.ediPayerId }).from(payers).where(eq(payers.practiceId, practiceId)).limit(1);
  const file = [
    'name,edi_payer_id,type,phone,timely_filing_days,appeal_days',
    'Lakeside Workers Comp Fund,LWCF1,WORKERS_COMP,(312) 555-0142,180,60',
    'Prairie Auto Insurance,PRAUTO,AUTO,,365,',
    ...(existing ? [`Duplicate Of Directory,${existing.edi},COMMERCIAL,,,`] : []),
  ].join('\n');
  const bytes = [enc.encode(`${file}\n`)];
  await runImport(db, principal, audit, payersImport(), bytes, { dryRun: true, fileName: 'demo-payers.csv' });
  await runImport(db, principal, audit, payersImport(), bytes, { dryRun: false, mode: 'GOOD_ROWS', fileName: 'demo-payers.csv' });
  return 2;
}
