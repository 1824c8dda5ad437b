import type { Db } from '../db/client.js';
import { Role } from '../graphql/roles.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { verifyEligibilityForDay } from '../modules/insurance/eligibility-day.service.js';
import type { EligibilityRuntime } from '../modules/insurance/eligibility.runtime.js';
import { addDays } from '../lib/local-time.js';
import { isoWeekday, localDateOf } from '../modules/scheduling/zoned-time.js';
import { SimulatedClearinghouse } from '../x12/simulated-clearinghouse.js';
import type { DemoOffice } from './seed-office.js';

/**
 * Verifies the primary coverage of every demo visit today and on the next working day, the way the
 * front desk's morning batch does: real 270s through the simulated clearinghouse (always the simulator,
 * whatever the server's clearinghouse setting: demo members must never reach a real payer), so the
 * demo holds checks in every outcome the member-id prefixes select. Audited as the demo front desk.
 * @returns how many appointments got a check
 */
export async function seedDemoEligibility(db: Db, practiceId: string, office: DemoOffice, now: Date): Promise<number> {
  const runtime: EligibilityRuntime = {
    clearinghouse: new SimulatedClearinghouse(),
    parties: { senderId: 'MEDOFFICEDEMO', receiverId: 'SIMULATOR', usage: 'T' },
    freshnessHours: 24,
    batchConcurrency: 4,
  };
  const principal = { userId: 'demo-front-desk', practiceId, roles: [Role.FRONT_DESK] };
  const audit = new AuditTrail(principal, 'demo-seed', 'seedDemoEligibility');
  let checked = 0;
  for (const [locationId, { zone }] of office.locations) {
    const today = localDateOf(zone, now.getTime());
    let next = addDays(today, 1);
    while (isoWeekday(next) > 5) next = addDays(next, 1);
    for (const date of [today, next]) {
      const results = await verifyEligibilityForDay(db, runtime, principal, audit, { locationId, date, force: false }, now);
      checked += results.filter((r) => r.check).length;
    }
  }
  await audit.flush(db);
  return checked;
}
