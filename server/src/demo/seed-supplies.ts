import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { locations } from '../db/schema/locations.js';
import { rooms } from '../db/schema/rooms.js';
import { purchaseOrderLines, purchaseOrders, suppliers, supplyItems, supplyLevels, supplyMovements } from '../db/schema/supplies.js';
import { todayIn } from '../lib/dates.js';
import { addDays } from '../lib/local-time.js';
import { ensureOpenAlertTasks, refreshReorderAlerts } from '../modules/supplies/supply-alerts.service.js';
import { demoId } from './synthetic.js';

const SUPPLIERS = [
  { key: 'medline', name: 'Northwind Medical Supply (Demo)', email: 'orders@northwind.example.test', phone: '+15185550142', accountNumber: 'NW-20417' },
  { key: 'office', name: 'Contoso Office Goods (Demo)', email: 'sales@contoso.example.test', phone: '+15105550177', accountNumber: 'C-88310' },
  { key: 'pharma', name: 'Fabrikam Vaccines (Demo)', email: 'vaccines@fabrikam.example.test', phone: '+12125550119', accountNumber: 'FV-1102' },
] as const;

type Category = 'CLINICAL_CONSUMABLE' | 'MEDICATION_SAMPLE' | 'OFFICE' | 'DURABLE';
/** sku, name, category, unit, pack unit, pack size, supplier, pack cost (cents), HCPCS, lot-tracked, reorder point, par, opening units per location. */
const ITEMS: [string, string, Category, string, string, number, string, number, string | null, boolean, number, number, [number, number]][] = [
  ['GLV-NIT-M', 'Nitrile exam gloves, medium', 'CLINICAL_CONSUMABLE', 'glove', 'box', 100, 'medline', 899, null, false, 300, 1000, [1000, 240]],
  ['GLV-NIT-L', 'Nitrile exam gloves, large', 'CLINICAL_CONSUMABLE', 'glove', 'box', 100, 'medline', 899, null, false, 200, 600, [500, 400]],
  ['GAUZE-4X4', 'Gauze sponges 4x4, sterile', 'CLINICAL_CONSUMABLE', 'sponge', 'case', 200, 'medline', 2450, null, false, 100, 400, [350, 300]],
  ['TRAY-SUT', 'Suture removal tray', 'CLINICAL_CONSUMABLE', 'tray', 'case', 20, 'medline', 6800, 'A4550', false, 10, 40, [24, 8]],
  ['SLING-ARM', 'Arm sling, adult', 'DURABLE', 'sling', 'case', 12, 'medline', 5400, 'A4565', false, 4, 12, [10, 6]],
  ['FLU-QIV', 'Influenza vaccine, 0.5 mL syringe', 'CLINICAL_CONSUMABLE', 'dose', 'box', 10, 'pharma', 18500, 'Q2035', true, 20, 60, [15, 30]],
  ['B12-1000', 'Cyanocobalamin 1,000 mcg/mL vial', 'CLINICAL_CONSUMABLE', 'vial', 'box', 25, 'pharma', 3100, 'J3420', true, 10, 50, [40, 20]],
  ['DEXA-4', 'Dexamethasone 4 mg/mL vial', 'MEDICATION_SAMPLE', 'vial', 'box', 25, 'pharma', 2900, 'J1100', true, 10, 30, [30, 25]],
  ['PAPER-TBL', 'Exam table paper, 21 in', 'OFFICE', 'roll', 'case', 12, 'office', 5200, null, false, 12, 36, [30, 6]],
  ['COPY-PAPER', 'Copy paper, letter', 'OFFICE', 'ream', 'case', 10, 'office', 4500, null, false, 5, 20, [15, 12]],
];

/**
 * Gives the demo practice supplies: three suppliers, ten items (some billable with HCPCS codes, some
 * lot-tracked with a lot expiring within the month), reorder points and par levels at both locations,
 * opening stock (ADJUST), a received, a submitted and a draft purchase order, gloves allocated to an exam
 * room and consumed for the last 40 completed visits, and the reorder alerts that stock leaves open, each
 * with its PRACTICE_ADMIN reorder task (made by the alerts themselves, as in the office).
 * About 20 statements whatever the practice size; once per practice (when it has suppliers: only the tasks
 * of open alerts that lack one, 2 statements).
 * @returns the number of movements recorded
 */
export async function seedDemoSupplies(db: Db, practiceId: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    if ((await tx.$count(suppliers, eq(suppliers.practiceId, practiceId))) > 0) {
      // Already stocked: only give open alerts raised before alerts made tasks their task.
      await ensureOpenAlertTasks(tx, practiceId);
      return 0;
    }
    const locs = await tx.select().from(locations).where(eq(locations.practiceId, practiceId)).orderBy(asc(locations.name), asc(locations.id));
    if (locs.length === 0) return 0;
    const today = todayIn('UTC', now);
    const supplierId = (key: string) => demoId(practiceId, `supplier-${key}`);
    const itemId = (sku: string) => demoId(practiceId, `supply-${sku}`);
    await tx.insert(suppliers).values(SUPPLIERS.map(({ key, ...s }) => ({ ...s, id: supplierId(key), practiceId })));
    await tx.insert(supplyItems).values(
      ITEMS.map(([sku, name, category, unit, packUnit, packSize, supplier, costCents, hcpcsCode, lotTracked]) => ({ id: itemId(sku), practiceId, sku, name, category, unit, packUnit, packSize, preferredSupplierId: supplierId(supplier), costCents, hcpcsCode, lotTracked })),
    );
    await tx.insert(supplyLevels).values(locs.flatMap((l) => ITEMS.map(([sku, , , , , , , , , , reorderPoint, parLevel]) => ({ practiceId, itemId: itemId(sku), locationId: l.id, reorderPoint, parLevel }))));

    const createdBy = 'demo-seed';
    const opening = demoId(practiceId, 'supply-opening');
    const moves: (typeof supplyMovements.$inferInsert)[] = [];
    for (const [li, l] of locs.slice(0, 2).entries()) {
      for (const [sku, , , , , , , , , lotTracked, , , units] of ITEMS) {
        const qty = units[li]!;
        if (!lotTracked) {
          moves.push({ practiceId, operationId: opening, kind: 'ADJUST', itemId: itemId(sku), locationId: l.id, quantity: qty, reason: 'opening stock', createdBy });
          continue;
        }
        // Two lots: a few units expiring within the month (the expiring-lots list), the rest next year.
        const soon = Math.min(5, qty - 1);
        moves.push({ practiceId, operationId: opening, kind: 'ADJUST', itemId: itemId(sku), locationId: l.id, lot: `${sku}-A${li}`, expiryDate: addDays(today, 20 + li), quantity: soon, reason: 'opening stock', createdBy });
        moves.push({ practiceId, operationId: opening, kind: 'ADJUST', itemId: itemId(sku), locationId: l.id, lot: `${sku}-B${li}`, expiryDate: addDays(today, 330), quantity: qty - soon, reason: 'opening stock', createdBy });
      }
    }
    await tx.insert(supplyMovements).values(moves);

    // Purchase orders at the first location: gloves received in full (with its RECEIVE movement), vaccine submitted, paper drafted.
    const main = locs[0]!;
    const po = (n: string) => demoId(practiceId, `po-${n}`);
    await tx.insert(purchaseOrders).values([
      { id: po('received'), practiceId, supplierId: supplierId('medline'), locationId: main.id, status: 'RECEIVED', createdBy, submittedAt: new Date(now.getTime() - 9 * 86_400_000), closedAt: new Date(now.getTime() - 6 * 86_400_000), notes: 'Monthly glove order' },
      { id: po('submitted'), practiceId, supplierId: supplierId('pharma'), locationId: main.id, status: 'SUBMITTED', createdBy, submittedAt: new Date(now.getTime() - 86_400_000), notes: 'Flu season' },
      { id: po('draft'), practiceId, supplierId: supplierId('office'), locationId: main.id, status: 'DRAFT', createdBy },
    ]);
    const lines = await tx
      .insert(purchaseOrderLines)
      .values([
        { practiceId, purchaseOrderId: po('received'), position: 1, itemId: itemId('GLV-NIT-M'), packs: 5, packSize: 100, unitCostCents: 899, receivedPacks: 5 },
        { practiceId, purchaseOrderId: po('submitted'), position: 1, itemId: itemId('FLU-QIV'), packs: 3, packSize: 10, unitCostCents: 18500 },
        { practiceId, purchaseOrderId: po('draft'), position: 1, itemId: itemId('COPY-PAPER'), packs: 1, packSize: 10, unitCostCents: 4500 },
      ])
      .returning();
    const received = lines.find((l) => l.purchaseOrderId === po('received'))!;
    await tx.insert(supplyMovements).values({ practiceId, operationId: demoId(practiceId, 'supply-receipt'), kind: 'RECEIVE', itemId: received.itemId, locationId: main.id, quantity: 500, purchaseOrderLineId: received.id, createdBy });

    // 100 gloves into the first exam room of each location (both sides of the allocation).
    const firstRooms = await tx.selectDistinctOn([rooms.locationId], { id: rooms.id, locationId: rooms.locationId }).from(rooms).where(and(eq(rooms.practiceId, practiceId), eq(rooms.active, true))).orderBy(rooms.locationId, asc(rooms.name));
    const allocate = demoId(practiceId, 'supply-allocate');
    const gloves = itemId('GLV-NIT-M');
    if (firstRooms.length) {
      await tx.insert(supplyMovements).values(
        firstRooms.flatMap((r) => [
          { practiceId, operationId: allocate, kind: 'ALLOCATE', itemId: gloves, locationId: r.locationId, quantity: -100, createdBy },
          { practiceId, operationId: allocate, kind: 'ALLOCATE', itemId: gloves, locationId: r.locationId, roomId: r.id, quantity: 100, createdBy },
        ]),
      );
    }
    // Two gloves per visit for the last 40 completed visits, from their location's stock room.
    await tx.execute(sql`
      insert into supply_movements (practice_id, operation_id, kind, item_id, location_id, quantity, appointment_id, created_by, created_at)
      select ${practiceId}::uuid, gen_random_uuid(), 'CONSUME', ${gloves}::uuid, a.location_id, -2, a.id, ${createdBy}, a.ends_at
      from (select id, location_id, ends_at from appointments where practice_id = ${practiceId} and status = 'COMPLETED' order by starts_at desc, id limit 40) a`);

    for (const l of locs) await refreshReorderAlerts(tx, practiceId, l.id, ITEMS.map(([sku]) => itemId(sku)));
    return tx.$count(supplyMovements, eq(supplyMovements.practiceId, practiceId));
  });
}
