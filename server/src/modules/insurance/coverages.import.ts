import { isValidLocalDate, todayIn } from '../../lib/dates.js';
import { dollarsToCents } from '../fees/fee-csv.js';
import { type ImportProblem, type ImportTarget, inColumnOrder } from '../imports/import-target.js';
import { inputRuleProblems } from '../imports/input-rules.js';
import { PersonNameInput } from '../patients/patient.inputs.js';
import { SexAtBirth } from '../patients/patient.type.js';
import { AddCoverageInput, SubscriberInput } from './coverage.inputs.js';
import { findActiveCoveragesOfPatients, findPatientIdsByMrns, insertCoverages } from './coverage.repo.js';
import { shapeProblems, subscriberJson } from './coverage.rules.js';
import { CoverageOrder, SubscriberRelationship } from './coverage.type.js';
import { findPayersByEdiIds } from './payer.repo.js';

export interface CoverageRowValue {
  mrn: string;
  ediPayerId: string;
  input: AddCoverageInput;
}

const COLUMN_OF: Record<string, string> = {
  mrn: 'mrn',
  payerId: 'payer_edi_id',
  planName: 'plan_name',
  memberId: 'member_id',
  groupNumber: 'group_number',
  subscriberRelationship: 'subscriber_relationship',
  subscriber: 'subscriber_relationship',
  'subscriber.name.given': 'subscriber_given_name',
  'subscriber.name.middle': 'subscriber_middle_name',
  'subscriber.name.family': 'subscriber_family_name',
  'subscriber.dateOfBirth': 'subscriber_date_of_birth',
  'subscriber.sex': 'subscriber_sex',
  order: 'order',
  effectiveDate: 'effective_date',
  endDate: 'end_date',
  copayOnCard: 'copay',
};
const COLUMN_ORDER = [...new Set(Object.values(COLUMN_OF))];
const SUBSCRIBER_COLUMNS = ['subscriber_given_name', 'subscriber_middle_name', 'subscriber_family_name', 'subscriber_date_of_birth', 'subscriber_sex'];
const RELATIONSHIPS = Object.values(SubscriberRelationship) as string[];
const ORDERS = Object.values(CoverageOrder) as string[];
const SEXES = Object.values(SexAtBirth) as string[];
const OPEN = '9999-12-31';
const overlaps = (a: { from: string; to: string | null }, b: { from: string; to: string | null }) => a.from <= (b.to ?? OPEN) && b.from <= (a.to ?? OPEN);

/**
 * Coverages from CSV: mrn (the patient), payer_edi_id (a payer of the directory), plan_name, member_id,
 * group_number, subscriber_relationship (SELF default, SPOUSE, CHILD, OTHER), subscriber_given_name,
 * subscriber_middle_name, subscriber_family_name, subscriber_date_of_birth, subscriber_sex (required unless
 * SELF, refused with SELF), order (PRIMARY default, SECONDARY, TERTIARY), effective_date, end_date (last
 * covered day), copay (dollars). Each row meets `addCoverage`'s rules: its input class, the subscriber and
 * date rules, a patient and an active payer of the practice, and at most one active coverage of each order
 * per patient on any date — against the database and the file's earlier rows. Each coverage is audited
 * with its patient and gets its first history row.
 */
export const coveragesImport = (): ImportTarget<CoverageRowValue> => {
  const today = todayIn('UTC');
  // Date ranges of the file's earlier rows per patient and order, for overlaps within the file.
  const earlier = new Map<string, { from: string; to: string | null; line: number }[]>();
  return {
    name: 'COVERAGES',
    columns: [
      { name: 'mrn', required: true },
      { name: 'payer_edi_id', required: true },
      { name: 'plan_name', required: false },
      { name: 'member_id', required: true },
      { name: 'group_number', required: false },
      { name: 'subscriber_relationship', required: false },
      ...SUBSCRIBER_COLUMNS.map((name) => ({ name, required: false })),
      { name: 'order', required: false },
      { name: 'effective_date', required: true },
      { name: 'end_date', required: false },
      { name: 'copay', required: false },
    ],
    keyColumn: 'effective_date',
    parse(c, line) {
      const problems: ImportProblem[] = [];
      const bad = (column: string, message: string) => problems.push({ line, column, message });
      const cell = (column: string) => (c[column] ?? '').trim();
      const upper = (column: string) => cell(column).toUpperCase().replace(/[\s-]+/g, '_');
      const date = (column: string, required: boolean) => {
        const d = cell(column);
        if (d === '' && !required) return null;
        if (!isValidLocalDate(d)) bad(column, 'must be a date written YYYY-MM-DD');
        return d;
      };
      const relationship = upper('subscriber_relationship') || 'SELF';
      if (!RELATIONSHIPS.includes(relationship)) bad('subscriber_relationship', `must be one of ${RELATIONSHIPS.join(', ')}`);
      const order = upper('order') || 'PRIMARY';
      if (!ORDERS.includes(order)) bad('order', `must be one of ${ORDERS.join(', ')}`);
      const effectiveDate = date('effective_date', true)!;
      const endDate = date('end_date', false);
      let copay: number | null = null;
      if (cell('copay') !== '') {
        copay = dollarsToCents(cell('copay'));
        if (copay === null) bad('copay', 'must be a non-negative amount in dollars with at most 2 decimals, e.g. 25.00');
      }
      const hasSubscriber = SUBSCRIBER_COLUMNS.some((k) => cell(k) !== '');
      let subscriber: SubscriberInput | null = null;
      const plainSubscriber = hasSubscriber ? { name: { given: cell('subscriber_given_name'), middle: cell('subscriber_middle_name') || null, family: cell('subscriber_family_name') }, dateOfBirth: cell('subscriber_date_of_birth'), sex: cell('subscriber_sex').toUpperCase() } : null;
      if (plainSubscriber) {
        if (!isValidLocalDate(plainSubscriber.dateOfBirth)) bad('subscriber_date_of_birth', 'must be a date written YYYY-MM-DD');
        if (!SEXES.includes(plainSubscriber.sex)) bad('subscriber_sex', `must be one of ${SEXES.join(', ')}`);
        subscriber = Object.assign(new SubscriberInput(), plainSubscriber, { name: Object.assign(new PersonNameInput(), plainSubscriber.name), sex: plainSubscriber.sex as SexAtBirth, address: null });
      }
      const plain = { planName: cell('plan_name') || null, memberId: cell('member_id'), groupNumber: cell('group_number') || null, subscriber: plainSubscriber };
      const input = Object.assign(new AddCoverageInput(), plain, {
        patientId: '',
        payerId: '',
        subscriberRelationship: relationship as SubscriberRelationship,
        subscriber,
        order: order as CoverageOrder,
        effectiveDate,
        endDate,
        copayOnCard: copay,
      });
      for (const p of inputRuleProblems(plain, input)) bad(COLUMN_OF[p.path] ?? 'member_id', p.message);
      if (!problems.some((p) => p.column?.includes('date'))) {
        const shape = shapeProblems({ subscriberRelationship: relationship, subscriber: subscriber && subscriberJson(subscriber), effectiveDate, endDate }, today);
        for (const p of shape) bad(COLUMN_OF[p.path.replace(/^input\./, '')] ?? 'subscriber_relationship', p.message);
      }
      if (cell('mrn') === '') bad('mrn', 'must not be blank');
      if (cell('payer_edi_id') === '') bad('payer_edi_id', 'must not be blank');
      if (problems.length) return { value: null, problems: inColumnOrder(problems, COLUMN_ORDER) };
      return { value: { mrn: cell('mrn').toUpperCase(), ediPayerId: cell('payer_edi_id').toUpperCase(), input }, problems };
    },
    key: (v) => `${v.mrn}|${v.input.order}|${v.input.effectiveDate}`,
    async check(db, practiceId, batch) {
      const problems: ImportProblem[] = [];
      const patientIds = await findPatientIdsByMrns(
        db,
        practiceId,
        batch.map((r) => r.value.mrn),
      );
      const payers = new Map(
        (
          await findPayersByEdiIds(
            db,
            practiceId,
            batch.map((r) => r.value.ediPayerId),
          )
        ).map((p) => [p.ediPayerId, p]),
      );
      const existing = await findActiveCoveragesOfPatients(db, practiceId, [...patientIds.values()]);
      for (const r of batch) {
        const v = r.value;
        const patientId = patientIds.get(v.mrn);
        const payer = payers.get(v.ediPayerId);
        if (!patientId) problems.push({ line: r.line, column: 'mrn', message: 'is not the MRN of a patient of the practice' });
        if (!payer) problems.push({ line: r.line, column: 'payer_edi_id', message: 'is not the EDI payer id of a payer in the directory' });
        else if (!payer.active) problems.push({ line: r.line, column: 'payer_edi_id', message: 'is an inactive payer' });
        if (!patientId || !payer?.active) continue;
        const range = { from: v.input.effectiveDate, to: v.input.endDate ?? null };
        const key = `${patientId}|${v.input.order}`;
        const clash = earlier.get(key)?.find((e) => overlaps(e, range));
        if (existing.some((e) => e.patientId === patientId && e.order === v.input.order && overlaps({ from: e.effectiveDate, to: e.endDate }, range))) {
          problems.push({ line: r.line, column: 'order', message: 'the patient already has an active coverage of this order on some of these dates' });
        } else if (clash) {
          problems.push({ line: r.line, column: 'order', message: `overlaps line ${clash.line} (same patient and order)` });
        } else {
          earlier.set(key, [...(earlier.get(key) ?? []), { ...range, line: r.line }]);
          v.input.patientId = patientId;
          v.input.payerId = payer.id;
        }
      }
      return problems;
    },
    async write(tx, principal, audit, batch) {
      // The same rows as addCoverage writes.
      const rows = await insertCoverages(
        tx,
        principal.practiceId,
        principal.userId,
        batch.map(({ value: { input } }) => ({
          patientId: input.patientId,
          payerId: input.payerId,
          planName: input.planName?.trim() || null,
          memberId: input.memberId.toUpperCase(),
          groupNumber: input.groupNumber?.toUpperCase() ?? null,
          subscriberRelationship: input.subscriberRelationship,
          subscriber: input.subscriber ? subscriberJson(input.subscriber) : null,
          coverageOrder: input.order,
          effectiveDate: input.effectiveDate,
          endDate: input.endDate ?? null,
          copayCents: input.copayOnCard ?? null,
        })),
      );
      await audit.writeAll(
        tx,
        'CREATE',
        rows.map((r) => ({ entityType: 'Coverage', entityId: r.id, patientId: r.patientId })),
      );
    },
  };
};
