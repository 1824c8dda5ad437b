import { Readable } from 'node:stream';
import { createClient } from '@medoffice/sdk';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { supplyItems, supplyMovements } from '../../../server/src/db/schema/supplies.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { stockLedger, supplyOffice } from '../../factories/supply.factory.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

interface ImportResult {
  id: string;
  status: string;
  rows: number;
  problemCount: number;
  problems: { line: number; column: string | null; message: string }[];
}

async function upload(token: string | null, target: string, body: string | Uint8Array | Readable, dryRun: boolean): Promise<{ status: number; body: ImportResult & { errors?: { extensions: { code: string } }[] } }> {
  const url = server.url.replace('/graphql', `/imports/${target}?dryRun=${dryRun}&fileName=test.csv`);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: await res.json() };
}

const enc = new TextEncoder();
const HEADER = 'sku,name,category,unit,pack_unit,pack_size,cost,hcpcs_code,lot_tracked,supplier';

describe('supply items import', () => {
  it('a dry run reports every bad row with line, column and message, and changes nothing; a commit of the same file is refused whole', async () => {
    const o = await supplyOffice(server);
    const token = await server.token(o.practiceId, [Role.FRONT_DESK]);
    const supplier = (await o.admin.suppliers()).suppliers[0]!.name;
    const lines = [
      HEADER,
      `OK-1,Gauze,clinical consumable,sponge,case,200,24.50,,no,${supplier}`,
      'OK-2,"Tray, suture\nremoval",CLINICAL_CONSUMABLE,tray,case,20,68.00,A4550,no,',
      'BAD-1,Widget,GADGET,each,box,ten,1.00,,maybe,',
      'BAD-2,Thing,OFFICE,each,box,5,12.345,E9999,no,Nobody Inc',
      `${o.gloves.sku},Dup in database,OFFICE,each,box,1,1.00,,no,`,
      'OK-1,Dup in file,OFFICE,each,box,1,1.00,,no,',
      'SHORT,row',
    ];
    const bytes = new Uint8Array([...enc.encode(`${lines.join('\r\n')}\r\nLAT-1,Caf`), 0xe9, ...enc.encode(',OFFICE,each,box,1,1.00,,no,\r\n')]);
    const before = await o.db.$count(supplyItems, eq(supplyItems.practiceId, o.practiceId));
    const dry = await upload(token, 'SUPPLY_ITEMS', bytes, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'DRY_RUN', rows: 8 });
    // The quoted line break makes OK-2 span lines 3-4: problems name the line each record starts on.
    expect(dry.body.problems).toEqual([
      { line: 5, column: 'category', message: 'must be one of CLINICAL_CONSUMABLE, MEDICATION_SAMPLE, OFFICE, DURABLE' },
      { line: 5, column: 'pack_size', message: 'must be a whole number from 1 to 100000' },
      { line: 5, column: 'lot_tracked', message: 'must be yes or no' },
      { line: 6, column: 'cost', message: 'must be an amount in dollars like 8.99' },
      { line: 8, column: 'sku', message: 'repeats line 2 of this file' },
      { line: 9, column: null, message: 'has 2 fields; the header has 10' },
      { line: 10, column: null, message: 'is not valid UTF-8 text (save the file as UTF-8)' },
      // Database checks run per batch, after the rows of the batch were parsed.
      { line: 7, column: 'sku', message: 'is already used by an item of the practice' },
    ]);
    expect(dry.body.problemCount).toBe(8);
    const commit = await upload(token, 'SUPPLY_ITEMS', bytes, false);
    expect(commit.body).toMatchObject({ status: 'REJECTED', problemCount: 8 });
    expect(await o.db.$count(supplyItems, eq(supplyItems.practiceId, o.practiceId))).toBe(before);

    // Unknown supplier and HCPCS code are database checks too.
    const more = await upload(token, 'SUPPLY_ITEMS', `${HEADER}\nX-1,Thing,OFFICE,each,box,5,12.34,E9999,no,Nobody Inc\n`, true);
    expect(more.body.problems).toEqual([
      { line: 2, column: 'hcpcs_code', message: 'E9999 is not a HCPCS code' },
      { line: 2, column: 'supplier', message: 'is not an active supplier of the practice' },
    ]);
    // A missing required column and an unknown one are reported on the header line.
    const header = await upload(token, 'SUPPLY_ITEMS', 'sku,name,colour\nA,B,red\n', true);
    expect(header.body.problems.filter((p) => p.line === 1).map((p) => p.column)).toEqual(['colour', 'category', 'unit', 'pack_unit', 'pack_size', 'cost']);
  });

  it('commits a good file (BOM, CRLF, quoted line breaks) all at once, once: the same file again is refused', async () => {
    const o = await supplyOffice(server);
    const token = await server.token(o.practiceId, [Role.PRACTICE_ADMIN]);
    const file = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(`Pack Size,SKU,Name,Category,Unit,Pack_Unit,Cost,HCPCS Code,Lot Tracked\r\n200,G-1,Gauze,clinical_consumable,sponge,case,24.50,,no\r\n20,T-1,"Tray, suture\r\nremoval",CLINICAL_CONSUMABLE,tray,case,68.00,a4550,yes\r\n`)]);
    const done = await upload(token, 'SUPPLY_ITEMS', file, false);
    expect(done.body).toMatchObject({ status: 'COMMITTED', rows: 2, problemCount: 0, problems: [] });
    const { supplyItems: page } = await o.admin.supplyItems({ first: 50 });
    const tray = page.edges.map((e) => e.node).find((i) => i.sku === 'T-1')!;
    expect(tray).toMatchObject({ name: 'Tray, suture\r\nremoval', packSize: 20, cost: 6800, hcpcsCode: 'A4550', lotTracked: true });
    const again = await upload(token, 'SUPPLY_ITEMS', file, false);
    expect(again.body.status).toBe('REJECTED');
    expect(again.body.problems).toContainEqual({ line: 1, column: null, message: `this file was already imported (import ${done.body.id})` });

    const client = createClient({ url: server.url, token, retry: false });
    const runs = (await client.imports({ first: 10 })).imports.edges.map((e) => e.node);
    expect(runs.map((r) => r.status)).toEqual(['REJECTED', 'COMMITTED']);
    expect(runs[0]!.fileSha256).toBe(runs[1]!.fileSha256);
    expect((await client.importProblems({ importId: again.body.id })).importProblems).toEqual(again.body.problems.map((p) => ({ ...p, __typename: undefined })).map(({ __typename: _, ...p }) => p));
    expect(await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'Import' })).toHaveLength(2);
    const other = await supplyOffice(server);
    const foreign = await createClient({ url: server.url, token: await server.token(other.practiceId, [Role.PRACTICE_ADMIN]), retry: false }).importProblems({ importId: done.body.id }).catch((e) => e);
    expect((foreign as { code?: string }).code).toBe('NOT_FOUND');
  });

  it('streams a large file in batches with the memory of a batch', async () => {
    const o = await supplyOffice(server);
    const token = await server.token(o.practiceId, [Role.PRACTICE_ADMIN]);
    const ROWS = 3000;
    const stream = Readable.from(
      (function* () {
        yield `${HEADER}\n`;
        for (let i = 0; i < ROWS; i++) yield `S-${i},Item ${i},OFFICE,each,box,${1 + (i % 50)},${(i % 900) + 1}.25,,no,\n`;
      })(),
    );
    const done = await upload(token, 'SUPPLY_ITEMS', stream, false);
    expect(done.body).toMatchObject({ status: 'COMMITTED', rows: ROWS, problemCount: 0 });
    expect(await o.db.$count(supplyItems, eq(supplyItems.practiceId, o.practiceId))).toBe(ROWS + 2);
  });

  it('only FRONT_DESK and PRACTICE_ADMIN import; no token is 401', async () => {
    const o = await supplyOffice(server);
    for (const role of [Role.CLINICIAN, Role.BILLER, Role.ANALYST]) {
      const res = await upload(await server.token(o.practiceId, [role]), 'SUPPLY_ITEMS', `${HEADER}\n`, true);
      expect(res.status, role).toBe(403);
      expect(res.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    }
    expect((await upload(null, 'SUPPLY_ITEMS', `${HEADER}\n`, true)).status).toBe(401);
    expect((await upload(await server.token(o.practiceId, [Role.PRACTICE_ADMIN]), 'NOPE', `${HEADER}\n`, true)).status).toBe(400);
  });
});

describe('opening stock import', () => {
  it('adds each row as an ADJUST movement, all or nothing, with lots checked in the file and against the record', async () => {
    const o = await supplyOffice(server);
    const token = await server.token(o.practiceId, [Role.PRACTICE_ADMIN]);
    const H = 'sku,location,room,lot,expiry_date,quantity';
    const bad = [
      H,
      `${o.gloves.sku},${o.main.name},,,,500`,
      `${o.gloves.sku},${o.main.name},Exam 1,,,40`,
      `${o.vaccine.sku},${o.main.name},,LOT-A,2030-01-31,20`,
      `${o.vaccine.sku},${o.branch.name},,LOT-A,2031-01-31,5`,
      `${o.vaccine.sku},${o.branch.name},,LOT-B,,5`,
      `${o.vaccine.sku},${o.branch.name},,,2030-01-01,5`,
      `${o.gloves.sku},${o.main.name},,L1,,5`,
      `NOPE,Nowhere,,,,1`,
      `${o.gloves.sku},${o.branch.name},Exam 1,,,1`,
      `${o.gloves.sku},${o.main.name},,,,7`,
      `${o.gloves.sku},${o.main.name},,,31/12/2030,0`,
    ].join('\n');
    const before = await o.db.$count(supplyMovements, eq(supplyMovements.practiceId, o.practiceId));
    const rejected = await upload(token, 'OPENING_STOCK', bad, false);
    expect(rejected.body.status).toBe('REJECTED');
    expect(rejected.body.problems).toEqual([
      { line: 11, column: 'sku', message: 'repeats line 2 of this file' },
      { line: 12, column: 'expiry_date', message: 'must be a date written YYYY-MM-DD' },
      { line: 12, column: 'quantity', message: 'must be a whole number from 1 to 1000000' },
      { line: 5, column: 'expiry_date', message: 'differs from 2030-01-31, the expiry of this lot' },
      { line: 6, column: 'expiry_date', message: 'is required for a new lot of a lot-tracked item' },
      { line: 7, column: 'lot', message: 'is required for a lot-tracked item' },
      { line: 8, column: 'lot', message: 'must be empty for an item without lot tracking' },
      { line: 9, column: 'sku', message: 'is not an item of the practice' },
      { line: 9, column: 'location', message: 'is not a location of the practice' },
      { line: 10, column: 'room', message: 'is not an active room of that location' },
    ]);
    expect(await o.db.$count(supplyMovements, eq(supplyMovements.practiceId, o.practiceId))).toBe(before);

    const good = [H, `${o.gloves.sku},${o.main.name},,,,500`, `${o.gloves.sku},${o.main.name.toUpperCase()},exam 1,,,40`, `${o.vaccine.sku},${o.main.name},,LOT-A,2030-01-31,20`, `${o.vaccine.sku},${o.branch.name},,LOT-A,,5`].join('\n');
    const done = await upload(token, 'OPENING_STOCK', good, false);
    expect(done.body).toMatchObject({ status: 'COMMITTED', rows: 4 });
    const stock = (await o.admin.supplyStock({ locationId: o.branch.id })).supplyStock;
    expect(stock).toEqual([{ itemId: o.vaccine.id, locationId: o.branch.id, roomId: null, lot: 'LOT-A', expiryDate: '2030-01-31', quantity: 5 }]);
    for (const item of [o.gloves.id, o.vaccine.id]) {
      const l = await stockLedger(o.db, o.practiceId, item);
      expect(l.balances).toEqual(l.moves);
    }
    expect(await o.db.$count(supplyMovements, eq(supplyMovements.practiceId, o.practiceId))).toBe(before + 4);
  });
});
