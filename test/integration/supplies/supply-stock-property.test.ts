import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../../server/src/demo/synthetic.js';
import type { Principal } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { consumeSupplies, countSupplies, disposeSupplies, moveSupplies } from '../../../server/src/modules/supplies/supply-stock.service.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { stockLedger, supplyOffice } from '../../factories/supply.factory.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

const codeOf = (err: unknown) => (err as { extensions?: { code?: string } }).extensions?.code;

describe('stock invariant under random movement sequences', () => {
  // Property: whatever the sequence, every balance equals the sum of its movements, none is negative, and
  // a withdrawal is refused exactly when the place holds fewer units than asked (a model that knows only
  // per-place totals, not lots, decides independently of the FEFO code).
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 40 random movements keep stock = Σ movements ≥ 0`, async () => {
      const o = await supplyOffice(server);
      const principal: Principal = { userId: 'prop', practiceId: o.practiceId, roles: [Role.PRACTICE_ADMIN] };
      const audit = new AuditTrail(principal, `prop-${seed}`, null);
      const rng = prng(seed * 7919);
      const places = [{ locationId: o.main.id }, { locationId: o.main.id, roomId: o.room.id }, { locationId: o.branch.id }];
      const key = (p: { locationId: string; roomId?: string | null }) => `${p.locationId}/${p.roomId ?? '-'}`;
      const model = new Map<string, number>();
      const lots = new Map<string, number>(); // per place/lot, only for counts and disposals of a named lot
      const total = (p: (typeof places)[number]) => model.get(key(p)) ?? 0;
      const add = (p: (typeof places)[number], lot: string, q: number) => {
        model.set(key(p), total(p) + q);
        lots.set(`${key(p)}/${lot}`, (lots.get(`${key(p)}/${lot}`) ?? 0) + q);
      };
      let refusals = 0;
      for (let step = 0; step < 40; step++) {
        const place = rng.pick(places);
        const op = step < 3 ? 'count' : rng.pick(['count', 'consume', 'consume', 'move', 'dispose'] as const);
        const lot = `L${rng.int(1, 3)}`;
        const expiryDate = `2030-0${lot.slice(1)}-01`;
        if (op === 'count') {
          const counted = rng.int(0, 40);
          const moves = await countSupplies(o.db, principal, audit, { itemId: o.vaccine.id, place, lot, expiryDate, counted, reason: 'count' });
          const before = lots.get(`${key(place)}/${lot}`) ?? 0;
          expect(moves.reduce((s, m) => s + m.quantity, 0)).toBe(counted - before);
          add(place, lot, counted - before);
        } else if (op === 'consume') {
          const q = rng.int(1, 30);
          const result = await consumeSupplies(o.db, principal, audit, { itemId: o.vaccine.id, place, quantity: q }).catch((e) => e);
          if (total(place) < q) {
            expect(codeOf(result)).toBe('BAD_USER_INPUT');
            refusals++;
          } else {
            expect(Array.isArray(result)).toBe(true);
            model.set(key(place), total(place) - q);
            for (const m of result as { lot: string; quantity: number }[]) lots.set(`${key(place)}/${m.lot}`, (lots.get(`${key(place)}/${m.lot}`) ?? 0) + m.quantity);
          }
        } else if (op === 'move') {
          const to = rng.pick(places.filter((p) => key(p) !== key(place)));
          const q = rng.int(1, 20);
          const result = await moveSupplies(o.db, principal, audit, { itemId: o.vaccine.id, from: place, to, quantity: q }).catch((e) => e);
          if (total(place) < q) {
            expect(codeOf(result)).toBe('BAD_USER_INPUT');
            refusals++;
          } else {
            for (const m of result as { lot: string; quantity: number; locationId: string; roomId: string | null }[]) {
              const p = { locationId: m.locationId, roomId: m.roomId };
              model.set(key(p), (model.get(key(p)) ?? 0) + m.quantity);
              lots.set(`${key(p)}/${m.lot}`, (lots.get(`${key(p)}/${m.lot}`) ?? 0) + m.quantity);
            }
          }
        } else {
          const q = rng.int(1, 10);
          const have = lots.get(`${key(place)}/${lot}`) ?? 0;
          const result = await disposeSupplies(o.db, principal, audit, { itemId: o.vaccine.id, place, lot, quantity: q, reason: 'damaged' }).catch((e) => e);
          if (have < q) {
            expect(codeOf(result)).toBe('BAD_USER_INPUT');
            refusals++;
          } else add(place, lot, -q);
        }
      }
      const l = await stockLedger(o.db, o.practiceId, o.vaccine.id);
      expect(l.balances).toEqual(l.moves);
      expect(l.balances.every((b) => b.quantity >= 0)).toBe(true);
      const perPlace = new Map<string, number>();
      for (const b of l.balances) {
        const place = b.place.split('/').slice(0, 2).join('/');
        perPlace.set(place, (perPlace.get(place) ?? 0) + b.quantity);
      }
      for (const p of places) expect(perPlace.get(key(p)) ?? 0, key(p)).toBe(total(p));
      expect(refusals).toBeGreaterThan(0);
    });
  }
});

describe('the database alone keeps stock from going negative under concurrent withdrawals', () => {
  it('raw concurrent -1 movements on a lot of 5: exactly 5 commit, the rest fail the check', async () => {
    const o = await supplyOffice(server);
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 5, reason: 'opening stock' } });
    // No service, no FOR UPDATE: only the trigger's row update and the CHECK decide (real parallel connections on PostgreSQL).
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        o.db.transaction((tx) => tx.execute(sql`insert into supply_movements (practice_id, operation_id, kind, item_id, location_id, quantity, created_by) values (${o.practiceId}, gen_random_uuid(), 'CONSUME', ${o.gloves.id}, ${o.main.id}, -1, 'race')`)),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(5);
    const codes = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected').map((a) => (a.reason as { cause?: { code?: string } }).cause?.code);
    expect(codes).toEqual(Array(7).fill('23514'));
    const l = await stockLedger(o.db, o.practiceId, o.gloves.id);
    expect(l.balances).toEqual([{ place: `${o.main.id}/-/`, quantity: 0 }]);
    expect(l.moves).toEqual(l.balances);
  });
});
