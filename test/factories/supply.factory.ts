import { createClient } from '@medoffice/sdk';
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.js';
import { rooms } from '../../server/src/db/schema/rooms.js';
import { Role } from '../../server/src/graphql/roles.js';
import type { TestServer } from '../helpers/test-server.js';
import { createLocation, createPractice } from './practice.factory.js';

let n = 0;

/**
 * A practice with two locations (the first with a room), an admin SDK client, a supplier, and two
 * items: gloves (box of 100, not lot-tracked) and a lot-tracked vaccine (box of 10, HCPCS Q2035).
 */
export async function supplyOffice(server: TestServer) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const main = await createLocation(db, practiceId);
  const branch = await createLocation(db, practiceId);
  const [room] = await db.insert(rooms).values({ practiceId, locationId: main.id, name: 'Exam 1' }).returning();
  const client = async (roles: Role[]) => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });
  const admin = await client([Role.PRACTICE_ADMIN]);
  const { createSupplier } = await admin.createSupplier({ input: { name: `Test Medical Supply ${++n}`, email: 'orders@example.test', accountNumber: 'ACCT-001' } });
  const supplierId = createSupplier.supplier.id;
  const gloves = (await admin.createSupplyItem({ input: { name: 'Nitrile gloves, medium', sku: `GLV-M-${n}`, category: 'CLINICAL_CONSUMABLE', unit: 'glove', packUnit: 'box', packSize: 100, preferredSupplierId: supplierId, cost: 899, lotTracked: false } })).createSupplyItem.item;
  const vaccine = (await admin.createSupplyItem({ input: { name: 'Influenza vaccine, 0.5 mL', sku: `FLU-${n}`, category: 'CLINICAL_CONSUMABLE', unit: 'dose', packUnit: 'box', packSize: 10, preferredSupplierId: supplierId, cost: 15000, hcpcsCode: 'q2035', lotTracked: true } })).createSupplyItem.item;
  return { db, practiceId, main, branch, room: room!, client, admin, supplierId, gloves, vaccine };
}

export type SupplyOffice = Awaited<ReturnType<typeof supplyOffice>>;

/** Σ movements and Σ balances of an item per place and lot, straight from the tables. */
export async function stockLedger(db: Db, practiceId: string, itemId: string) {
  const read = async (q: ReturnType<typeof sql>) => {
    const res = (await db.execute(q)) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
    return (Array.isArray(res) ? res : res.rows!) as { place: string; quantity: number }[];
  };
  const moves = await read(sql`select location_id || '/' || coalesce(room_id::text, '-') || '/' || lot as place, sum(quantity)::int as quantity from supply_movements where practice_id = ${practiceId} and item_id = ${itemId} group by 1 order by 1`);
  const balances = await read(sql`select location_id || '/' || coalesce(room_id::text, '-') || '/' || lot as place, quantity from supply_stock where practice_id = ${practiceId} and item_id = ${itemId} order by 1`);
  return { moves: moves.map((r) => ({ place: r.place, quantity: Number(r.quantity) })), balances: balances.map((r) => ({ place: r.place, quantity: Number(r.quantity) })) };
}

