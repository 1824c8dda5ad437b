import { createClient } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoImports } from '../../../server/src/demo/seed-imports.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

describe('demo imports', () => {
  it('shows a saved mapping, a dry run and a good-rows commit of payers with its rejected row; once', async () => {
    const admin = createClient({ url: server.url, token: await server.token(DEMO_PRACTICE_ID, [Role.PRACTICE_ADMIN]), retry: false });
    const runs = (await admin.imports({ first: 10 })).imports.edges.map((e) => e.node);
    expect(runs.map((r) => [r.target, r.status, r.mode, r.rows, r.problemCount, r.rejectedRows])).toEqual([
      ['PAYERS', 'COMMITTED', 'GOOD_ROWS', 3, 1, 1],
      ['PAYERS', 'DRY_RUN', 'ALL_OR_NOTHING', 3, 1, 0],
    ]);
    expect(await admin.rejectedImportRows(runs[0]!.id)).toMatch(/^name,edi_payer_id,type,phone,timely_filing_days,appeal_days,problem\r\nDuplicate Of Directory,[A-Z0-9]+,COMMERCIAL,,,,edi_payer_id: is already in the payer directory\r\n$/);
    expect((await admin.payers({ activeOnly: true })).payers.map((p) => p.name)).toEqual(expect.arrayContaining(['Lakeside Workers Comp Fund', 'Prairie Auto Insurance']));
    expect((await admin.importMappings()).importMappings.map((m) => [m.target, m.columns.length])).toEqual([['PATIENTS', 5]]);
    expect(await seedDemoImports(server.database.db, DEMO_PRACTICE_ID)).toBe(0);
  });
});
