import { isMedofficeError } from '@medoffice/sdk';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { stockLedger, supplyOffice } from '../../factories/supply.factory.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

const codeOf = (err: unknown) => (err as { code?: string }).code;
const fieldsOf = (err: unknown) => ((err as { fields?: { path: string }[] }).fields ?? []).map((f) => f.path);

describe('supply catalog', () => {
  it('creates items with a unique SKU per practice and a HCPCS code from the code tables; another practice sees nothing', async () => {
    const o = await supplyOffice(server);
    expect(o.vaccine).toMatchObject({ hcpcsCode: 'Q2035', lotTracked: true, packSize: 10, cost: 15000, version: 1 });
    const dup = await o.admin.createSupplyItem({ input: { name: 'Other', sku: o.gloves.sku, category: 'OFFICE', unit: 'each', packUnit: 'box', packSize: 1, cost: 0, lotTracked: false } }).catch((e) => e);
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(dup)).toEqual(['input.sku']);
    const unknown = await o.admin.createSupplyItem({ input: { name: 'Mystery', sku: 'X-1', category: 'DURABLE', unit: 'each', packUnit: 'each', packSize: 1, cost: 100, hcpcsCode: 'E9999', lotTracked: false } }).catch((e) => e);
    expect(fieldsOf(unknown)).toEqual(['input.hcpcsCode']);
    const malformed = await o.admin.createSupplyItem({ input: { name: 'Bad', sku: 'X-2', category: 'DURABLE', unit: 'each', packUnit: 'each', packSize: 1, cost: 100, hcpcsCode: '99213', lotTracked: false } }).catch((e) => e);
    expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
    const { updateSupplyItem } = await o.admin.updateSupplyItem({ input: { id: o.gloves.id, expectedVersion: 1, cost: 949, hcpcsCode: 'A4550' } });
    expect(updateSupplyItem.item).toMatchObject({ cost: 949, hcpcsCode: 'A4550', version: 2 });
    const stale = await o.admin.updateSupplyItem({ input: { id: o.gloves.id, expectedVersion: 1, cost: 1 } }).catch((e) => e);
    expect(codeOf(stale)).toBe('VERSION_CONFLICT');

    const other = await supplyOffice(server);
    const foreign = await other.admin.supplyItem({ id: o.gloves.id }).catch((e) => e);
    expect(isMedofficeError(foreign, 'NOT_FOUND')).toBe(true);
    const { supplyItems } = await other.admin.supplyItems({ first: 50 });
    expect(supplyItems.edges.map((e) => e.node.id).sort()).toEqual([other.gloves.id, other.vaccine.id].sort());
    expect(await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'SupplyItem' })).toHaveLength(3);
  });
});

describe('purchase orders and stock', () => {
  it('orders, receives in parts with lots, consumes first-expiring first, allocates, transfers, counts and disposes; stock = Σ movements', async () => {
    const o = await supplyOffice(server);
    const { createPurchaseOrder: po } = await o.admin.createPurchaseOrder({ input: { supplierId: o.supplierId, locationId: o.main.id, lines: [{ itemId: o.vaccine.id, packs: 3 }, { itemId: o.gloves.id, packs: 2, unitCost: 850 }] } });
    expect(po.purchaseOrder).toMatchObject({ status: 'DRAFT', total: 3 * 15000 + 2 * 850 });
    const [vacLine, gloveLine] = po.purchaseOrder.lines;
    const draftReceipt = await o.admin.receivePurchaseOrder({ input: { purchaseOrderId: po.purchaseOrder.id, expectedVersion: 1, lines: [{ lineId: gloveLine!.id, packs: 1 }] } }).catch((e) => e);
    expect(fieldsOf(draftReceipt)).toEqual(['input.purchaseOrderId']);
    const submitted = (await o.admin.submitPurchaseOrder({ input: { id: po.purchaseOrder.id, expectedVersion: 1 } })).submitPurchaseOrder.purchaseOrder;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 2 });

    // A lot-tracked line needs lot and expiry; over-receipt is refused; nothing is recorded on a refusal.
    const noLot = await o.admin.receivePurchaseOrder({ input: { purchaseOrderId: submitted.id, expectedVersion: 2, lines: [{ lineId: gloveLine!.id, packs: 1 }, { lineId: vacLine!.id, packs: 1 }] } }).catch((e) => e);
    expect(fieldsOf(noLot)).toEqual(['input.lines.1.lot']);
    const tooMany = await o.admin.receivePurchaseOrder({ input: { purchaseOrderId: submitted.id, expectedVersion: 2, lines: [{ lineId: gloveLine!.id, packs: 3 }] } }).catch((e) => e);
    expect(fieldsOf(tooMany)).toEqual(['input.lines.0.packs']);
    expect((await o.admin.supplyStock({ locationId: o.main.id })).supplyStock).toEqual([]);

    const part = (await o.admin.receivePurchaseOrder({ input: { purchaseOrderId: submitted.id, expectedVersion: 2, lines: [{ lineId: vacLine!.id, packs: 1, lot: 'LATE', expiryDate: '2031-06-30' }, { lineId: gloveLine!.id, packs: 2 }] } })).receivePurchaseOrder.purchaseOrder;
    expect(part).toMatchObject({ status: 'PARTIALLY_RECEIVED', version: 3 });
    const conflict = await o.admin.receivePurchaseOrder({ input: { purchaseOrderId: submitted.id, expectedVersion: 2, lines: [{ lineId: vacLine!.id, packs: 1, lot: 'X', expiryDate: '2031-01-01' }] } }).catch((e) => e);
    expect(codeOf(conflict)).toBe('VERSION_CONFLICT');
    const done = (await o.admin.receivePurchaseOrder({ input: { purchaseOrderId: submitted.id, expectedVersion: 3, lines: [{ lineId: vacLine!.id, packs: 2, lot: 'EARLY', expiryDate: '2030-01-31' }] } })).receivePurchaseOrder.purchaseOrder;
    expect(done).toMatchObject({ status: 'RECEIVED', version: 4, lines: [{ receivedPacks: 3 }, { receivedPacks: 2 }] });
    expect(done.closedAt).not.toBeNull();
    const cancelDone = await o.admin.cancelPurchaseOrder({ input: { id: done.id, expectedVersion: 4 } }).catch((e) => e);
    expect(fieldsOf(cancelDone)).toEqual(['input.id']);

    // 30 doses (EARLY 20, LATE 10), 200 gloves at the stock room.
    const clinician = await o.client([Role.CLINICIAN]);
    const consumed = (await clinician.consumeSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.main.id }, quantity: 22 } })).consumeSupplies.movements;
    expect(consumed.map((m) => [m.kind, m.lot, m.quantity])).toEqual([['CONSUME', 'EARLY', -20], ['CONSUME', 'LATE', -2]]);
    expect(new Set(consumed.map((m) => m.operationId)).size).toBe(1);
    const short = await clinician.consumeSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.main.id }, quantity: 9 } }).catch((e) => e);
    expect(fieldsOf(short)).toEqual(['input.quantity']);

    const allocated = (await o.admin.moveSupplies({ input: { itemId: o.gloves.id, from: { locationId: o.main.id }, to: { locationId: o.main.id, roomId: o.room.id }, quantity: 50 } })).moveSupplies.movements;
    expect(allocated.map((m) => [m.kind, m.roomId, m.quantity])).toEqual([['ALLOCATE', null, -50], ['ALLOCATE', o.room.id, 50]]);
    const moved = (await o.admin.moveSupplies({ input: { itemId: o.vaccine.id, from: { locationId: o.main.id }, to: { locationId: o.branch.id }, quantity: 3 } })).moveSupplies.movements;
    expect(moved.map((m) => [m.kind, m.locationId, m.lot, m.expiryDate, m.quantity])).toEqual([['TRANSFER', o.main.id, 'LATE', '2031-06-30', -3], ['TRANSFER', o.branch.id, 'LATE', '2031-06-30', 3]]);
    const fromRoom = (await clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id, roomId: o.room.id }, quantity: 4 } })).consumeSupplies.movements;
    expect(fromRoom[0]).toMatchObject({ roomId: o.room.id, quantity: -4, lot: '' });

    const counted = (await clinician.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id, roomId: o.room.id }, counted: 40, reason: 'cycle count' } })).countSupplies.movements;
    expect(counted.map((m) => [m.kind, m.quantity, m.reason])).toEqual([['ADJUST', -6, 'cycle count']]);
    expect((await clinician.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id, roomId: o.room.id }, counted: 40, reason: 'again' } })).countSupplies.movements).toEqual([]);
    const opening = (await o.admin.countSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.branch.id }, lot: 'OPEN', expiryDate: '2029-05-01', counted: 5, reason: 'opening stock' } })).countSupplies.movements;
    expect(opening[0]).toMatchObject({ kind: 'ADJUST', quantity: 5, expiryDate: '2029-05-01' });
    const wrongExpiry = await o.admin.countSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.main.id }, lot: 'LATE', expiryDate: '2035-01-01', counted: 1, reason: 'x' } }).catch((e) => e);
    expect(fieldsOf(wrongExpiry)).toEqual(['input.expiryDate']);
    const disposed = (await o.admin.disposeSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.branch.id }, lot: 'OPEN', quantity: 2, reason: 'damaged in transit' } })).disposeSupplies.movements;
    expect(disposed[0]).toMatchObject({ kind: 'DISPOSE', quantity: -2 });

    const stock = (await o.admin.supplyStock({ locationId: o.main.id })).supplyStock;
    const byKey = Object.fromEntries(stock.map((s) => [`${s.itemId === o.gloves.id ? 'gloves' : 'vaccine'}/${s.roomId ? 'room' : '-'}/${s.lot}`, s.quantity]));
    expect(byKey).toEqual({ 'gloves/-/': 150, 'gloves/room/': 40, 'vaccine/-/LATE': 5 });
    for (const item of [o.gloves.id, o.vaccine.id]) {
      const l = await stockLedger(o.db, o.practiceId, item);
      expect(l.balances).toEqual(l.moves);
    }
    const expiring = (await o.admin.expiringSupplyLots({ locationId: o.branch.id, withinDays: 3650 })).expiringSupplyLots;
    expect(expiring.map((s) => [s.lot, s.quantity])).toEqual([['OPEN', 3], ['LATE', 3]]);
    expect((await o.admin.expiringSupplyLots({ locationId: o.branch.id, withinDays: 0 })).expiringSupplyLots).toEqual([]);

    const page1 = (await o.admin.supplyMovements({ locationId: o.main.id, first: 3 })).supplyMovements;
    expect(page1.edges).toHaveLength(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await o.admin.supplyMovements({ locationId: o.main.id, first: 200, after: page1.pageInfo.endCursor })).supplyMovements;
    // At the main location: 3 receipts, 2 consumed lots, 2 allocation sides, 1 transfer side, 1 room consumption, 1 count.
    expect(page2.edges.length + 3).toBe(10);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('the database refuses to change or delete a movement, to write a balance directly, or to go below zero', async () => {
    const o = await supplyOffice(server);
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 10, reason: 'opening stock' } });
    const refused = async (q: ReturnType<typeof sql>) => {
      const err = await o.db.execute(q).then(() => null, (e: { cause?: { code?: string }; code?: string }) => e.cause?.code ?? e.code);
      return err;
    };
    expect(await refused(sql`update supply_movements set quantity = 99 where practice_id = ${o.practiceId}`)).toBe('42501');
    expect(await refused(sql`delete from supply_movements where practice_id = ${o.practiceId}`)).toBe('42501');
    expect(await refused(sql`update supply_stock set quantity = 99 where practice_id = ${o.practiceId}`)).toBe('42501');
    expect(await refused(sql`delete from supply_stock where practice_id = ${o.practiceId}`)).toBe('42501');
    // A movement that would take the balance negative is refused by the check, not only by the service.
    expect(
      await refused(sql`insert into supply_movements (practice_id, operation_id, kind, item_id, location_id, quantity, created_by) values (${o.practiceId}, gen_random_uuid(), 'CONSUME', ${o.gloves.id}, ${o.main.id}, -11, 'test')`),
    ).toBe('23514');
    // A room of another location is refused by the movement guard.
    const otherRoom = await supplyOffice(server);
    expect(
      await refused(sql`insert into supply_movements (practice_id, operation_id, kind, item_id, location_id, room_id, quantity, reason, created_by) values (${o.practiceId}, gen_random_uuid(), 'ADJUST', ${o.gloves.id}, ${o.main.id}, ${otherRoom.room.id}, 1, 'x', 'test')`),
    ).toBe('23503');
    const l = await stockLedger(o.db, o.practiceId, o.gloves.id);
    expect(l.balances).toEqual([{ place: `${o.main.id}/-/`, quantity: 10 }]);
  });

  it('concurrent consumption never takes stock below zero: exactly the available units are consumed', async () => {
    const o = await supplyOffice(server);
    await o.admin.countSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.main.id }, lot: 'A', expiryDate: '2030-01-01', counted: 4, reason: 'opening stock' } });
    await o.admin.countSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.main.id }, lot: 'B', expiryDate: '2030-06-01', counted: 3, reason: 'opening stock' } });
    const clinicians = await Promise.all(Array.from({ length: 4 }, () => o.client([Role.CLINICIAN])));
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => clinicians[i % 4]!.consumeSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.main.id }, quantity: 1 } })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(7);
    expect(failed.map((f) => codeOf(f.reason))).toEqual(Array(5).fill('BAD_USER_INPUT'));
    const l = await stockLedger(o.db, o.practiceId, o.vaccine.id);
    expect(l.balances).toEqual(l.moves);
    expect(l.balances.map((b) => b.quantity)).toEqual([0, 0]);
  });
});

describe('retry-safe consumption', () => {
  it('the same idempotency key and request returns the first movements (also concurrently); other input with it is refused', async () => {
    const o = await supplyOffice(server);
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 100, reason: 'opening stock' } });
    const clinician = await o.client([Role.CLINICIAN]);
    const input = { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 3, idempotencyKey: 'tablet-7-visit-42' };
    const results = await Promise.all(Array.from({ length: 5 }, () => clinician.consumeSupplies({ input })));
    const ids = results.map((r) => r.consumeSupplies.movements.map((m) => m.id).join());
    expect(new Set(ids).size).toBe(1);
    expect((await clinician.consumeSupplies({ input })).consumeSupplies.movements.map((m) => m.id).join()).toBe(ids[0]);
    const reused = await clinician.consumeSupplies({ input: { ...input, quantity: 4 } }).catch((e) => e);
    expect(codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await o.admin.supplyStock({ locationId: o.main.id, itemId: o.gloves.id })).supplyStock[0]!.quantity).toBe(97);
  });
});

describe('reorder points, alerts and suggested orders', () => {
  it('lists what to reorder to par in packs, records one alert while below, clears it when restocked, and drafts orders per supplier', async () => {
    const o = await supplyOffice(server);
    await o.admin.setSupplyLevel({ input: { itemId: o.gloves.id, locationId: o.main.id, reorderPoint: 100, parLevel: 350 } });
    await o.admin.setSupplyLevel({ input: { itemId: o.vaccine.id, locationId: o.main.id, reorderPoint: 5, parLevel: 20 } });
    const bad = await o.admin.setSupplyLevel({ input: { itemId: o.gloves.id, locationId: o.main.id, reorderPoint: 10, parLevel: 10 } }).catch((e) => e);
    expect(fieldsOf(bad)).toEqual(['input.parLevel']);
    // No stock yet: both below; the alert is recorded once per item however often stock moves while below.
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 80, reason: 'opening stock' } });
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id, roomId: o.room.id }, counted: 10, reason: 'opening stock' } });
    const noSupplier = (await o.admin.createSupplyItem({ input: { name: 'Copy paper', sku: 'PAPER', category: 'OFFICE', unit: 'ream', packUnit: 'case', packSize: 10, cost: 4500, lotTracked: false } })).createSupplyItem.item;
    await o.admin.setSupplyLevel({ input: { itemId: noSupplier.id, locationId: o.main.id, reorderPoint: 2, parLevel: 5 } });

    const reorder = (await o.admin.suppliesToReorder({ locationId: o.main.id })).suppliesToReorder;
    const byItem = Object.fromEntries(reorder.map((r) => [r.itemId, r]));
    expect(byItem[o.gloves.id]).toMatchObject({ onHand: 90, onOrder: 0, suggestedPacks: 3 });
    expect(byItem[o.vaccine.id]).toMatchObject({ onHand: 0, suggestedPacks: 2 });
    const alerts = (await o.admin.supplyReorderAlerts({ locationId: o.main.id })).supplyReorderAlerts;
    expect(alerts.map((a) => a.itemId).sort()).toEqual([o.gloves.id, o.vaccine.id, noSupplier.id].sort());

    const { draftPurchaseOrdersFromReorder: drafted } = await o.admin.draftPurchaseOrdersFromReorder({ locationId: o.main.id });
    expect(drafted.unassignedItemIds).toEqual([noSupplier.id]);
    expect(drafted.purchaseOrders).toHaveLength(1);
    const draft = drafted.purchaseOrders[0]!;
    expect(draft.lines.map((l) => [l.itemId, l.packs, l.packSize])).toEqual(expect.arrayContaining([[o.gloves.id, 3, 100], [o.vaccine.id, 2, 10]]));
    // What is on order counts: nothing more to suggest.
    const again = (await o.admin.suppliesToReorder({ locationId: o.main.id })).suppliesToReorder.find((r) => r.itemId === o.gloves.id)!;
    expect(again).toMatchObject({ onOrder: 300, suggestedPacks: 0 });

    await o.admin.submitPurchaseOrder({ input: { id: draft.id, expectedVersion: 1 } });
    const glovesLine = draft.lines.find((l) => l.itemId === o.gloves.id)!;
    await o.admin.receivePurchaseOrder({ input: { purchaseOrderId: draft.id, expectedVersion: 2, lines: [{ lineId: glovesLine.id, packs: 3 }] } });
    const all = (await o.admin.supplyReorderAlerts({ locationId: o.main.id, includeCleared: true })).supplyReorderAlerts;
    const gloveAlerts = all.filter((a) => a.itemId === o.gloves.id);
    expect(gloveAlerts).toHaveLength(1);
    expect(gloveAlerts[0]!.clearedAt).not.toBeNull();
    // Below again: a new alert, once.
    const clinician = await o.client([Role.CLINICIAN]);
    await clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 300 } });
    await clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 1 } });
    const open = (await o.admin.supplyReorderAlerts({ locationId: o.main.id })).supplyReorderAlerts.filter((a) => a.itemId === o.gloves.id);
    expect(open).toHaveLength(1);
    // Recorded when it first went below (90 on hand), not again at 89.
    expect(open[0]).toMatchObject({ onHand: 90, reorderPoint: 100, clearedAt: null });

    // The PO PDF carries the order as text a reader extracts.
    const { purchaseOrderPdf: pdf } = await o.admin.purchaseOrderPdf({ id: draft.id });
    expect(pdf).toMatchObject({ contentType: 'application/pdf', fileName: `purchase-order-${draft.number}.pdf` });
    const [text] = await pdfPagesText(Buffer.from(pdf.base64, 'base64'));
    for (const s of [`Purchase order PO-${draft.number}`, 'PARTIALLY_RECEIVED', 'Test Medical Supply', 'ACCT-001', 'Nitrile gloves, medium', o.gloves.sku, 'box of 100 glove', '$8.99', '$26.97', '$300.00', '$326.97', '1 Test St']) expect(text).toContain(s);
    expect(await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'PurchaseOrder', action: 'EXPORT' })).toHaveLength(1);
  });
});

describe('access', () => {
  it('PRACTICE_ADMIN and FRONT_DESK manage, CLINICIAN consumes and counts, BILLER and ANALYST reach nothing', async () => {
    const o = await supplyOffice(server);
    const desk = await o.client([Role.FRONT_DESK]);
    await desk.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 20, reason: 'opening stock' } });
    expect((await desk.suppliers()).suppliers).toHaveLength(1);
    const clinician = await o.client([Role.CLINICIAN]);
    expect((await clinician.supplyStock({ locationId: o.main.id })).supplyStock).toHaveLength(1);
    await clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 2 } });
    for (const call of [() => clinician.suppliers(), () => clinician.createSupplier({ input: { name: 'X' } }), () => clinician.moveSupplies({ input: { itemId: o.gloves.id, from: { locationId: o.main.id }, to: { locationId: o.branch.id }, quantity: 1 } }), () => clinician.purchaseOrders({})]) {
      expect(codeOf(await call().catch((e) => e))).toBe('FORBIDDEN');
    }
    for (const role of [Role.BILLER, Role.ANALYST]) {
      const c = await o.client([role]);
      for (const call of [() => c.supplyItems({}), () => c.supplyStock({ locationId: o.main.id }), () => c.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 1 } }), () => c.suppliesToReorder({ locationId: o.main.id })]) {
        expect(codeOf(await call().catch((e) => e)), role).toBe('FORBIDDEN');
      }
    }
    // A clinician reads items, but not their supplier (a nested field guarded like Query.suppliers).
    const nested = await server.gql(await server.token(o.practiceId, [Role.CLINICIAN]), `{ supplyItems { edges { node { id preferredSupplier { id } } } } }`);
    expect(nested.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // Another practice's location is NOT_FOUND.
    const other = await supplyOffice(server);
    expect(codeOf(await other.admin.supplyStock({ locationId: o.main.id }).catch((e) => e))).toBe('NOT_FOUND');
    expect(codeOf(await other.admin.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: other.main.id }, quantity: 1 } }).catch((e) => e))).toBe('NOT_FOUND');
  });

  it('lists with nested fields are a fixed number of statements', async () => {
    const o = await supplyOffice(server);
    const token = await server.token(o.practiceId, [Role.PRACTICE_ADMIN]);
    const q = `{ supplyItems(first: 50) { edges { node { id preferredSupplier { id name } } } } purchaseOrders(first: 50) { edges { node { id supplier { id } lines { item { id } } } } } }`;
    const stock = `query S($l: ID!) { supplyStock(locationId: $l) { quantity item { id name } room { id name } } }`;
    const counts: number[] = [];
    for (let round = 0; round < 2; round++) {
      await o.admin.createSupplyItem({ input: { name: `Item ${round}`, sku: `I-${round}`, category: 'OFFICE', unit: 'each', packUnit: 'box', packSize: 5, preferredSupplierId: o.supplierId, cost: 100, lotTracked: false } });
      await o.admin.createPurchaseOrder({ input: { supplierId: o.supplierId, locationId: o.main.id, lines: [{ itemId: o.gloves.id, packs: 1 }] } });
      for (const roomId of [null, o.room.id]) await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id, roomId }, counted: 5 + round, reason: 'count' } });
      await o.admin.countSupplies({ input: { itemId: o.vaccine.id, place: { locationId: o.main.id }, lot: `L${round}`, expiryDate: '2030-01-01', counted: 5, reason: 'count' } });
      const a = await server.gql(token, q);
      const b = await server.gql(token, stock, { l: o.main.id });
      expect(a.errors ?? b.errors).toBeUndefined();
      counts.push(a.extensions!.stats!.sqlStatements, b.extensions!.stats!.sqlStatements);
    }
    expect(counts.slice(0, 2)).toEqual(counts.slice(2));
    // items page + suppliers batch + orders page + lines + suppliers (cached by the loader) + items batch; location check + stock + items + rooms.
    expect(counts[0]).toBeLessThanOrEqual(6);
    expect(counts[1]).toBe(4);
  });
});
