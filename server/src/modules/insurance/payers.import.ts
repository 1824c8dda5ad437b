import { AddressInput } from '../common/address.type.js';
import { e164, type ImportProblem, type ImportTarget, inColumnOrder, parseCount, parseYesNo } from '../imports/import-target.js';
import { inputRuleProblems } from '../imports/input-rules.js';
import { AddPayerInput } from './payer.inputs.js';
import { findUsedEdiPayerIds, insertPayers } from './payer.repo.js';
import { PayerType } from './payer.type.js';

export interface PayerRowValue {
  input: AddPayerInput;
}

const COLUMN_OF: Record<string, string> = {
  name: 'name',
  ediPayerId: 'edi_payer_id',
  type: 'type',
  eligibilityRoute: 'eligibility_route',
  claimsRoute: 'claims_route',
  'address.line1': 'address_line1',
  'address.line2': 'address_line2',
  'address.city': 'city',
  'address.state': 'state',
  'address.postalCode': 'postal_code',
  phone: 'phone',
  telehealthModifier95: 'telehealth_modifier_95',
  timelyFilingDays: 'timely_filing_days',
  appealDays: 'appeal_days',
  priorAuthorizationRequired: 'prior_authorization_required',
};
const COLUMN_ORDER = Object.values(COLUMN_OF);
const ADDRESS_COLUMNS = ['address_line1', 'address_line2', 'city', 'state', 'postal_code'];
const TYPES = Object.values(PayerType) as string[];
const BOOLEANS = ['telehealth_modifier_95', 'prior_authorization_required'];
/** addPayer's defaults for an empty optional cell. */
const DAYS_DEFAULT: Record<string, number> = { timely_filing_days: 365, appeal_days: 180 };

/**
 * Payers from CSV: name, edi_payer_id, type (COMMERCIAL, MEDICARE, …), eligibility_route, claims_route,
 * address_line1, address_line2, city, state, postal_code, phone, telehealth_modifier_95 (yes/no),
 * timely_filing_days, appeal_days, prior_authorization_required (yes/no). Each row meets `addPayer`'s
 * rules (its input class and defaults); an EDI payer id already in the directory or twice in the file is a
 * problem. Each new payer is audited.
 */
export const payersImport = (): ImportTarget<PayerRowValue> => ({
  name: 'PAYERS',
  columns: [
    { name: 'name', required: true },
    { name: 'edi_payer_id', required: true },
    { name: 'type', required: true },
    ...['eligibility_route', 'claims_route', ...ADDRESS_COLUMNS, 'phone', 'telehealth_modifier_95', 'timely_filing_days', 'appeal_days', 'prior_authorization_required'].map((name) => ({ name, required: false })),
  ],
  keyColumn: 'edi_payer_id',
  parse(c, line) {
    const problems: ImportProblem[] = [];
    const cell = (column: string) => (c[column] ?? '').trim();
    const opt = (column: string) => cell(column) || null;
    const type = cell('type').toUpperCase().replace(/[\s-]+/g, '_');
    if (!TYPES.includes(type)) problems.push({ line, column: 'type', message: `must be one of ${TYPES.join(', ')}` });
    const flag = (column: string) => {
      const v = parseYesNo(c[column] ?? '');
      if (v === null) problems.push({ line, column, message: 'must be yes or no' });
      return v === true;
    };
    const days = (column: string) => {
      if (cell(column) === '') return DAYS_DEFAULT[column]!;
      const n = parseCount(cell(column), 1_000_000);
      if (n === null) problems.push({ line, column, message: 'must be a whole number' });
      return n ?? 1;
    };
    const hasAddress = ADDRESS_COLUMNS.some((k) => cell(k) !== '');
    const phone = opt('phone');
    const plain = {
      name: cell('name'),
      ediPayerId: cell('edi_payer_id'),
      eligibilityRoute: cell('eligibility_route') || 'DEFAULT',
      claimsRoute: cell('claims_route') || 'DEFAULT',
      address: hasAddress ? { line1: cell('address_line1'), line2: opt('address_line2'), city: cell('city'), state: cell('state').toUpperCase(), postalCode: cell('postal_code'), country: 'US' } : null,
      phone: phone ? e164(phone) : null,
      telehealthModifier95: flag('telehealth_modifier_95'),
      timelyFilingDays: days('timely_filing_days'),
      appealDays: days('appeal_days'),
      priorAuthorizationRequired: flag('prior_authorization_required'),
    };
    const input = Object.assign(new AddPayerInput(), plain, { type: type as PayerType, address: plain.address ? Object.assign(new AddressInput(), plain.address) : null });
    for (const p of inputRuleProblems(plain, input)) {
      const column = COLUMN_OF[p.path] ?? null;
      // A cell that is not a number already has its problem; its placeholder is not judged again.
      if (!(column && BOOLEANS.concat(Object.keys(DAYS_DEFAULT)).includes(column) && problems.some((x) => x.column === column))) problems.push({ line, column, message: p.message });
    }
    if (problems.length) return { value: null, problems: inColumnOrder(problems, COLUMN_ORDER) };
    return { value: { input }, problems };
  },
  key: (v) => v.input.ediPayerId.toUpperCase(),
  async check(db, practiceId, batch) {
    const taken = await findUsedEdiPayerIds(
      db,
      practiceId,
      batch.map((r) => r.value.input.ediPayerId.toUpperCase()),
    );
    return batch.filter((r) => taken.has(r.value.input.ediPayerId.toUpperCase())).map((r) => ({ line: r.line, column: 'edi_payer_id', message: 'is already in the payer directory' }));
  },
  async write(tx, principal, audit, batch) {
    // The same row as addPayer writes.
    const rows = await insertPayers(
      tx,
      principal.practiceId,
      batch.map(({ value: { input: v } }) => ({ name: v.name.trim(), ediPayerId: v.ediPayerId.toUpperCase(), payerType: v.type, eligibilityRoute: v.eligibilityRoute, claimsRoute: v.claimsRoute, address: v.address ? { ...v.address } : null, phone: v.phone ?? null, telehealthModifier95: v.telehealthModifier95, timelyFilingDays: v.timelyFilingDays, appealDays: v.appealDays, priorAuthorizationRequired: v.priorAuthorizationRequired })),
    );
    await audit.writeAll(
      tx,
      'CREATE',
      rows.map((r) => ({ entityType: 'Payer', entityId: r.id, patientId: null })),
    );
  },
});
