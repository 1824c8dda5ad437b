import type { ClaimSnapshot, SnapshotAddress, SnapshotLine, SnapshotPersonName, SnapshotRelationship } from './claim-snapshot.js';
import { type CheckId, type FieldId, type LineColumnId, LINES_PER_PAGE } from './cms1500-layout.js';

/**
 * What is typed on each page of a CMS-1500 (02/12) for a claim, following the NUCC 1500 Reference
 * Instruction Manual: upper case; names "LAST, FIRST, M" without periods; addresses without punctuation,
 * ZIP+4 without the hyphen; dates MM DD YY (MM DD YYYY for the birth dates in 3 and 11a); ICD-10-CM
 * without the decimal point; pointers as letters without commas; money as dollars and cents in their
 * own areas, without "$", commas or a decimal point.
 *
 * More than six service lines: each page is a complete form carrying six lines, and box 28 totals the
 * charges in 24F of that page (NUCC: "the total of all charges in 24F"), so every page balances on its
 * own; "PAGE n OF m" at the top right ties the pages together. The amount paid (29) is reported once,
 * on the first page.
 */
export interface Cms1500Page {
  pageNumber: number;
  pageCount: number;
  fields: Partial<Record<FieldId, string>>;
  checks: CheckId[];
  /** Up to six lines; each maps the columns of box 24 to what is typed there. */
  lines: Cms1500Line[];
}

export interface Cms1500Line {
  /** The unshaded half of the line. */
  cells: Partial<Record<LineColumnId, string>>;
  /** The shaded (supplemental) half of the line. */
  shaded: Partial<Record<LineColumnId, string>>;
}

/** A claim snapshot that cannot be printed as it is (an internal inconsistency, never user input). */
export class Cms1500DataError extends Error {
  constructor(path: string, problem: string) {
    super(`claim snapshot ${path} ${problem}`);
    this.name = 'Cms1500DataError';
  }
}

const DIAGNOSIS_LETTERS = 'ABCDEFGHIJKL';
const MAX_DIAGNOSES = 12;

/** Form text: upper case, no periods (names and addresses carry none on the 1500). */
const formText = (s: string) => s.normalize('NFC').toUpperCase().replace(/\s+/g, ' ').trim();
const noPunctuation = (s: string) => formText(s.replace(/[.,#]/g, ' '));

/** Box 2/4 style: LAST, FIRST, M (commas between, middle initial only, no periods). */
function lastFirstMiddle(n: SnapshotPersonName): string {
  const middle = n.middle?.trim() ? n.middle.trim()[0]! : '';
  return [n.family, n.given, middle].map((p) => formText(p.replace(/\./g, ''))).filter(Boolean).join(', ');
}

/** Box 17 style: FIRST M LAST. */
function firstMiddleLast(n: SnapshotPersonName): string {
  const middle = n.middle?.trim() ? n.middle.trim()[0]! : '';
  return [n.given, middle, n.family].map((p) => formText(p.replace(/\./g, ''))).filter(Boolean).join(' ');
}

function dateParts(path: string, date: string): { mm: string; dd: string; yy: string; yyyy: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Cms1500DataError(path, 'is not a YYYY-MM-DD date');
  return { yyyy: m[1]!, mm: m[2]!, dd: m[3]!, yy: m[1]!.slice(2) };
}

/** Integer cents → the dollars and cents areas of a money field. */
function moneyParts(path: string, cents: number): { dollars: string; cents: string } {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Cms1500DataError(path, 'must be a non-negative whole number of cents');
  return { dollars: String(Math.trunc(cents / 100)), cents: String(cents % 100).padStart(2, '0') };
}

/** A US phone as "(area) number": the digits only, no hyphen or space inside the number. */
function phoneParts(phone: string | null): { area: string; number: string } | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length === 10) return { area: digits.slice(0, 3), number: digits.slice(3) };
  return digits ? { area: '', number: digits } : null;
}

function addressFields(prefix: '5' | '7', a: SnapshotAddress | null, phone: string | null): Partial<Record<FieldId, string>> {
  const f: Partial<Record<FieldId, string>> = {};
  if (a) {
    f[`${prefix}.street`] = noPunctuation([a.line1, a.line2].filter(Boolean).join(' '));
    f[`${prefix}.city`] = noPunctuation(a.city);
    f[`${prefix}.state`] = formText(a.state);
    f[`${prefix}.zip`] = a.postalCode.replace(/\D/g, '');
  }
  const p = phoneParts(phone);
  if (p) {
    f[`${prefix}.area`] = p.area;
    f[`${prefix}.phone`] = p.number;
  }
  return f;
}

/** Street lines and "CITY ST ZIP" for the blocks that print an address in lines (carrier, 32, 33). */
function addressLines(a: SnapshotAddress): { street: string; city: string } {
  return {
    street: noPunctuation([a.line1, a.line2].filter(Boolean).join(' ')),
    city: `${noPunctuation(a.city)} ${formText(a.state)} ${a.postalCode.replace(/\D/g, '')}`,
  };
}

/** Box 1 from the claim filing indicator (SBR09). */
function programCheck(claim: ClaimSnapshot): CheckId {
  switch (claim.subscriber.claimFilingIndicator) {
    case 'MB':
      return '1.medicare';
    case 'MC':
      return '1.medicaid';
    case 'CH':
      return '1.tricare';
    // Commercial coverage: a group health plan when it is one (it has a group number); otherwise "Other",
    // which the instructions give for commercial insurance, HMOs, auto, liability and workers' comp.
    case 'CI':
      return claim.subscriber.groupNumber ? '1.group' : '1.other';
    default:
      return '1.other';
  }
}

const RELATIONSHIP: Record<SnapshotRelationship, CheckId> = {
  '18': '6.self',
  '01': '6.spouse',
  '19': '6.child',
  '20': '6.other',
  '21': '6.other',
  '39': '6.other',
  '40': '6.other',
  '53': '6.other',
  G8: '6.other',
};

const sexCheck = (box: '3' | '11a', sex: 'F' | 'M' | 'U'): CheckId[] =>
  sex === 'M' ? [`${box}.male`] : sex === 'F' ? [`${box}.female`] : [];

/** Everything on the form that is the same on every page of the claim. */
function claimFields(claim: ClaimSnapshot, generatedAt: Date): { fields: Partial<Record<FieldId, string>>; checks: CheckId[] } {
  const { patient, subscriber, payer, billingProvider: billing } = claim;
  if (claim.diagnoses.length < 1 || claim.diagnoses.length > MAX_DIAGNOSES) throw new Cms1500DataError('diagnoses', 'must hold 1 to 12 codes');
  const self = patient.relationshipToSubscriber === '18';
  const born = dateParts('patient.dateOfBirth', patient.dateOfBirth);
  const insuredBorn = dateParts('subscriber.dateOfBirth', subscriber.dateOfBirth);
  const signed = generatedAt.toISOString().slice(0, 10);
  const signedParts = dateParts('generatedAt', signed);

  const fields: Partial<Record<FieldId, string>> = {
    // Carrier block: payer name, address lines, city state ZIP.
    'carrier.1': formText(payer.name),
    ...(payer.address
      ? (() => {
          const a = addressLines(payer.address);
          return payer.address.line2
            ? { 'carrier.2': noPunctuation(payer.address.line1), 'carrier.3': noPunctuation(payer.address.line2), 'carrier.4': a.city }
            : { 'carrier.2': a.street, 'carrier.3': a.city };
        })()
      : {}),
    '1a': formText(subscriber.memberId),
    '2': lastFirstMiddle(patient.name),
    '3.mm': born.mm,
    '3.dd': born.dd,
    '3.yyyy': born.yyyy,
    '4': lastFirstMiddle(subscriber.name),
    ...addressFields('5', patient.address, patient.phone),
    ...addressFields('7', subscriber.address ?? (self ? patient.address : null), null),
    '11a.mm': insuredBorn.mm,
    '11a.dd': insuredBorn.dd,
    '11a.yyyy': insuredBorn.yyyy,
    '11c': formText(subscriber.groupName ?? payer.name),
    '21.indicator': '0',
    '25': billing.tin.replace(/\D/g, ''),
    '26': formText(claim.patientAccountNumber),
    '31.signed': 'SOF',
    '31.date': `${signedParts.mm} ${signedParts.dd} ${signedParts.yy}`,
    '33.name': formText(billing.name),
    ...(() => {
      const a = addressLines(billing.address);
      return { '33.street': a.street, '33.city': a.city };
    })(),
    '33a': billing.npi,
  };
  // 31: who rendered the services, when a group bills (33); an individual billing in their own name signs as 33.
  if (claim.renderingProvider) fields['31.name'] = firstMiddleLast(claim.renderingProvider.name);
  if (subscriber.groupNumber) fields['11'] = formText(subscriber.groupNumber);
  // 9, 9a, 9d: the other health plan. On a secondary (tertiary) claim it is the payer before this one
  // (NUCC: complete 9, 9a and 9d when 11d is YES).
  const other = claim.otherPayers?.at(-1);
  if (other) {
    fields['9'] = lastFirstMiddle(other.subscriber.name);
    fields['9a'] = formText(other.subscriber.groupNumber ?? other.subscriber.memberId);
    fields['9d'] = formText(other.subscriber.groupName ?? other.payer.name);
  }
  if (claim.releaseOfInformation) fields['12.signed'] = 'SIGNATURE ON FILE';
  // Box 13 (assignment of benefits to the provider) goes with accepting assignment (27).
  if (claim.acceptAssignment) fields['13.signed'] = 'SIGNATURE ON FILE';
  if (claim.referringProvider) {
    fields['17.qualifier'] = 'DN';
    fields['17.name'] = firstMiddleLast(claim.referringProvider.name);
    fields['17b'] = claim.referringProvider.npi;
  }
  claim.diagnoses.forEach((code, i) => {
    fields[`21.${DIAGNOSIS_LETTERS[i]!}` as FieldId] = code.replace(/\./g, '').toUpperCase();
  });
  if (claim.frequencyCode !== '1') {
    fields['22.code'] = claim.frequencyCode;
    if (!claim.originalPayerClaimNumber) throw new Cms1500DataError('originalPayerClaimNumber', `is required for frequency ${claim.frequencyCode}`);
    fields['22.reference'] = formText(claim.originalPayerClaimNumber);
  }
  if (claim.priorAuthorizationNumber) fields['23'] = formText(claim.priorAuthorizationNumber);
  const bp = phoneParts(billing.phone);
  if (bp) {
    fields['33.area'] = bp.area;
    fields['33.phone'] = bp.number;
  }
  if (billing.taxonomyCode) fields['33b'] = `ZZ${billing.taxonomyCode}`;
  const facility = claim.serviceFacility;
  if (facility) {
    const a = addressLines(facility.address);
    fields['32.name'] = formText(facility.name);
    fields['32.street'] = a.street;
    fields['32.city'] = a.city;
    if (facility.npi) fields['32a'] = facility.npi;
  }

  const checks: CheckId[] = [
    programCheck(claim),
    ...sexCheck('3', patient.sex),
    RELATIONSHIP[patient.relationshipToSubscriber],
    '10a.no',
    '10b.no',
    '10c.no',
    ...sexCheck('11a', subscriber.sex),
    other ? '11d.yes' : '11d.no',
    '25.ein',
    claim.acceptAssignment ? '27.yes' : '27.no',
  ];
  return { fields, checks };
}

function lineContent(claim: ClaimSnapshot, line: SnapshotLine, index: number): Cms1500Line {
  const path = `lines[${index}]`;
  const d = dateParts(`${path}.dateOfService`, line.dateOfService);
  const charge = moneyParts(`${path}.chargeCents`, line.chargeCents);
  if (line.modifiers.length > 4) throw new Cms1500DataError(`${path}.modifiers`, 'holds more than 4 modifiers');
  if (line.diagnosisPointers.length < 1 || line.diagnosisPointers.length > 4) throw new Cms1500DataError(`${path}.diagnosisPointers`, 'must hold 1 to 4 pointers');
  const pointers = line.diagnosisPointers.map((p) => {
    if (!Number.isInteger(p) || p < 1 || p > claim.diagnoses.length) throw new Cms1500DataError(`${path}.diagnosisPointers`, 'points past the diagnoses');
    return DIAGNOSIS_LETTERS[p - 1]!;
  });
  const cells: Cms1500Line['cells'] = {
    fromMm: d.mm,
    fromDd: d.dd,
    fromYy: d.yy,
    toMm: d.mm,
    toDd: d.dd,
    toYy: d.yy,
    placeOfService: line.placeOfServiceCode ?? claim.placeOfServiceCode,
    procedure: line.code.toUpperCase(),
    pointer: pointers.join(''),
    chargeDollars: charge.dollars,
    chargeCents: charge.cents,
    units: String(line.units),
  };
  const mods: LineColumnId[] = ['modifier1', 'modifier2', 'modifier3', 'modifier4'];
  line.modifiers.forEach((m, i) => {
    cells[mods[i]!] = m.toUpperCase();
  });
  const shaded: Cms1500Line['shaded'] = {};
  const rendering = claim.renderingProvider;
  if (rendering) {
    cells.renderingId = rendering.npi;
    // Supplemental half of 24I/24J: the rendering provider's taxonomy with its qualifier ZZ.
    if (rendering.taxonomyCode) {
      shaded.qualifier = 'ZZ';
      shaded.renderingId = rendering.taxonomyCode;
    }
  }
  return { cells, shaded };
}

/** The claim as CMS-1500 pages: six service lines a page, each page a complete, self-totalled form. */
export function cms1500Pages(claim: ClaimSnapshot, generatedAt: Date): Cms1500Page[] {
  if (claim.lines.length === 0) throw new Cms1500DataError('lines', 'is empty');
  const common = claimFields(claim, generatedAt);
  const lines = claim.lines.map((l, i) => lineContent(claim, l, i));
  const pageCount = Math.ceil(lines.length / LINES_PER_PAGE);
  // 29: what the patient and the other payers paid on the covered services.
  const paidCents = claim.patientPaidCents + (claim.otherPayers ?? []).reduce((a, o) => a + o.paidCents, 0);
  const paid = moneyParts('patientPaidCents', paidCents);
  const pages: Cms1500Page[] = [];
  for (let p = 0; p < pageCount; p++) {
    const from = p * LINES_PER_PAGE;
    const pageLines = claim.lines.slice(from, from + LINES_PER_PAGE);
    const total = moneyParts('totalChargeCents', pageLines.reduce((sum, l) => sum + l.chargeCents, 0));
    const fields: Partial<Record<FieldId, string>> = { ...common.fields, '28.dollars': total.dollars, '28.cents': total.cents };
    if (p === 0 && paidCents > 0) {
      fields['29.dollars'] = paid.dollars;
      fields['29.cents'] = paid.cents;
    }
    pages.push({ pageNumber: p + 1, pageCount, fields, checks: common.checks, lines: lines.slice(from, from + LINES_PER_PAGE) });
  }
  const sum = claim.lines.reduce((s, l) => s + l.chargeCents, 0);
  if (sum !== claim.totalChargeCents) throw new Cms1500DataError('totalChargeCents', 'is not the sum of the line charges');
  return pages;
}
