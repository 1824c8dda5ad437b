import type { Db } from '../../db/client.js';
import { badInput } from '../../graphql/errors.js';
import { isValidLocalDate } from '../../lib/dates.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { practiceZone } from '../ledger/ledger-post.service.js';
import { type AgingBasis, agingGroups } from './ar-aging.repo.js';
import { ArAgingBasis, type ArAgingGroupBy, type AgingBuckets, type ArAgingReport } from './ar-aging.type.js';

const ZERO = (): AgingBuckets => ({ days0To30: 0, days31To60: 0, days61To90: 0, days91To120: 0, over120: 0, total: 0 });
const buckets = (b0: number, b31: number, b61: number, b91: number, b121: number): AgingBuckets => ({ days0To30: b0, days31To60: b31, days61To90: b61, days91To120: b91, over120: b121, total: b0 + b31 + b61 + b91 + b121 });
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
  const groups = await agingGroups(db, practiceId, asOf, groupBy, on);
  // One pass over the groups (grouped by patient there are tens of thousands): the row, the totals, the audit.
  const rows: ArAgingReport['rows'] = [];
  let insurance = ZERO();
  let patient = ZERO();
  let fromService = 0;
  const audited = groupBy === 'PATIENT';
  for (const [groupId, i0, i31, i61, i91, i121, iFs, p0, p31, p61, p91, p121, pFs] of groups) {
    const ins = buckets(i0, i31, i61, i91, i121);
    const pat = buckets(p0, p31, p61, p91, p121);
    rows.push({ groupId, insurance: ins, patient: pat, total: ins.total + pat.total });
    insurance = add(insurance, ins);
    patient = add(patient, pat);
    fromService += iFs + pFs;
    if (audited && groupId) audit.read('PatientBalance', groupId, groupId);
  }
  const agedFromDateOfService = basis === ArAgingBasis.SUBMISSION ? fromService : null;
  return { asOf, groupBy, basis, agedFromDateOfService, rows, insurance, patient, total: insurance.total + patient.total };
}
