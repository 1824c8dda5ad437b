import type { Db } from '../../db/client.js';
import { badInput } from '../../graphql/errors.js';
import { isValidLocalDate } from '../../lib/dates.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { practiceZone } from '../ledger/ledger-post.service.js';
import { type AgingBasis, type AgingRow, agingByGroup } from './ar-aging.repo.js';
import { ArAgingBasis, type ArAgingGroupBy, type AgingBuckets, type ArAgingReport } from './ar-aging.type.js';

const ZERO = (): AgingBuckets => ({ days0To30: 0, days31To60: 0, days61To90: 0, days91To120: 0, over120: 0, total: 0 });
const buckets = (r: AgingRow | undefined): AgingBuckets => (r ? { days0To30: r.b0, days31To60: r.b31, days61To90: r.b61, days91To120: r.b91, over120: r.b121, total: r.b0 + r.b31 + r.b61 + r.b91 + r.b121 } : ZERO());
const add = (a: AgingBuckets, b: AgingBuckets): AgingBuckets => ({ days0To30: a.days0To30 + b.days0To30, days31To60: a.days31To60 + b.days31To60, days61To90: a.days61To90 + b.days61To90, days91To120: a.days91To120 + b.days91To120, over120: a.over120 + b.over120, total: a.total + b.total });

/**
 * A/R aging of the practice as of a date, grouped by payer, patient, provider or location (one SQL
 * statement). On the SUBMISSION basis balances age from their claim's first submission (a calendar date on
 * the practice's calendar, `practiceZone`, the one `practiceToday` reads); those on no submitted claim as of `asOf` age from
 * the date of service and are summed in `agedFromDateOfService`. Grouped by patient, each row is audited as a read of that patient's balance.
 * @throws BAD_USER_INPUT (asOf not a calendar date)
 */
export async function arAging(db: Db, practiceId: string, audit: AuditTrail, asOf: string, groupBy: ArAgingGroupBy, basis: ArAgingBasis): Promise<ArAgingReport> {
  if (!isValidLocalDate(asOf)) throw badInput([{ path: 'asOf', message: 'must be a date written YYYY-MM-DD' }]);
  const on: AgingBasis = basis === ArAgingBasis.SUBMISSION ? { kind: 'SUBMISSION', zone: await practiceZone(db, practiceId) } : { kind: 'DATE_OF_SERVICE' };
  const raw = await agingByGroup(db, practiceId, asOf, groupBy, on);
  // One pass (grouped by patient there are tens of thousands of groups): the group's two rows, in the statement's order.
  const byGroup = new Map<string | null, { INSURANCE?: AgingRow; PATIENT?: AgingRow }>();
  for (const r of raw) {
    const parts = byGroup.get(r.groupId) ?? {};
    parts[r.part] = r;
    byGroup.set(r.groupId, parts);
  }
  const rows = [...byGroup].map(([groupId, parts]) => {
    const insurance = buckets(parts.INSURANCE);
    const patient = buckets(parts.PATIENT);
    return { groupId, insurance, patient, total: insurance.total + patient.total };
  });
  if (groupBy === 'PATIENT') for (const r of rows) if (r.groupId) audit.read('PatientBalance', r.groupId, r.groupId);
  const insurance = rows.reduce((s, r) => add(s, r.insurance), ZERO());
  const patient = rows.reduce((s, r) => add(s, r.patient), ZERO());
  const agedFromDateOfService = basis === ArAgingBasis.SUBMISSION ? raw.reduce((s, r) => s + r.fromService, 0) : null;
  return { asOf, groupBy, basis, agedFromDateOfService, rows, insurance, patient, total: insurance.total + patient.total };
}
