import { describe, expect, it } from 'vitest';
import type { ClaimSnapshot, SnapshotLine } from '../../../server/src/modules/claims/claim-snapshot.js';
import { Cms1500DataError } from '../../../server/src/modules/claims/cms1500-content.js';
import {
  BOXES,
  type BoxId,
  CHECKS,
  type CheckId,
  FIELDS,
  LINE_COLUMNS,
  LINES_PER_PAGE,
  type LineColumnId,
  lineCell,
  lineShadedCell,
  MARKER_SIZE,
  type Rect,
  VALUE_SIZE,
} from '../../../server/src/modules/claims/cms1500-layout.js';
import { renderCms1500 } from '../../../server/src/modules/claims/cms1500.pdf.js';
import { type PdfTextItem, pdfPagesItems, pdfPagesText } from '../../helpers/pdf-text.js';

// ---- Snapshots (synthetic people and numbers).

const SIGNED_AT = new Date('2026-12-06T15:30:00Z');

function line(position: number, over: Partial<SnapshotLine> = {}): SnapshotLine {
  return {
    position,
    code: '99213',
    modifiers: [],
    units: 1,
    chargeCents: 10_000,
    diagnosisPointers: [1],
    dateOfService: '2026-11-03',
    placeOfServiceCode: null,
    description: null,
    ...over,
  };
}

/** Patient = subscriber, commercial group plan, two lines, a copay paid. */
function selfClaim(over: Partial<ClaimSnapshot> = {}): ClaimSnapshot {
  const lines = over.lines ?? [
    line(1, { code: '99214', modifiers: ['25'], diagnosisPointers: [1, 2], chargeCents: 15_000 }),
    line(2, { code: '36415', units: 2, diagnosisPointers: [1], chargeCents: 2_550 }),
  ];
  const patientName = { family: 'Doe', given: 'Jane', middle: 'Quinn' };
  const home = { line1: '42 Elm St.', line2: 'Apt #3', city: 'Springfield', state: 'IL', postalCode: '627011234' };
  return {
    patientAccountNumber: 'CLM-000123',
    frequencyCode: '1',
    originalPayerClaimNumber: null,
    dateOfService: '2026-11-03',
    placeOfServiceCode: '11',
    billingProvider: {
      name: 'Synthetic Family Medicine, P.C.',
      npi: '1234567893',
      tin: '123456789',
      taxonomyCode: '207Q00000X',
      address: { line1: '100 Main St.', line2: 'Suite 200', city: 'Springfield', state: 'IL', postalCode: '62701' },
      phone: '(217) 555-0100',
    },
    renderingProvider: { npi: '1245319599', name: { family: 'Rivera', given: 'Alex', middle: 'J' }, taxonomyCode: '207Q00000X' },
    referringProvider: { npi: '1679576722', name: { family: 'Lee', given: 'Morgan', middle: 'K.' }, taxonomyCode: null },
    serviceFacility: {
      name: 'Synthetic Clinic Downtown',
      npi: '1588667638',
      address: { line1: '7 Oak Ave', line2: null, city: 'Springfield', state: 'IL', postalCode: '62704' },
    },
    payer: {
      id: 'payer-1',
      name: 'Acme Health Plan',
      ediPayerId: '12345',
      address: { line1: 'PO Box 1000', line2: null, city: 'Chicago', state: 'IL', postalCode: '60601' },
    },
    subscriber: {
      memberId: 'XYZ123456789',
      groupNumber: 'GRP7788',
      groupName: 'Acme PPO Gold',
      name: patientName,
      dateOfBirth: '1980-04-09',
      sex: 'F',
      address: home,
      claimFilingIndicator: 'CI',
    },
    patient: {
      id: 'patient-1',
      name: patientName,
      dateOfBirth: '1980-04-09',
      sex: 'F',
      address: home,
      phone: '217-555-0142',
      relationshipToSubscriber: '18',
    },
    priorAuthorizationNumber: 'PA778',
    diagnoses: ['E119', 'I10', 'Z0000'],
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    patientPaidCents: 2_500,
    acceptAssignment: true,
    releaseOfInformation: true,
    ...over,
  };
}

/** A child on a parent's plan. */
function dependentClaim(): ClaimSnapshot {
  const base = selfClaim();
  return {
    ...base,
    patient: {
      id: 'patient-2',
      name: { family: 'Doe', given: 'Sam', middle: null },
      dateOfBirth: '2015-06-30',
      sex: 'M',
      address: { line1: '9 Pine Rd', line2: null, city: 'Peoria', state: 'IL', postalCode: '61602' },
      phone: null,
      relationshipToSubscriber: '19',
    },
  };
}

// ---- Reading the PDF back, box by box.

const inside = (i: PdfTextItem, r: Rect) => i.x >= r.x - 0.01 && i.x <= r.x + r.w + 0.01 && i.y >= r.y - 0.01 && i.y <= r.y + r.h + 0.01;
const isValue = (i: PdfTextItem) => Math.abs(i.size - VALUE_SIZE) < 0.01;
const isCheckMark = (i: PdfTextItem) => isValue(i) && i.text === 'X' && Object.values(CHECKS).some((c) => inside(i, c.rect));
/** Reading order: top row first, left to right. */
const reading = (a: PdfTextItem, b: PdfTextItem) => (Math.abs(a.y - b.y) > 2 ? b.y - a.y : a.x - b.x);

/** The values typed inside a rectangle (check marks excepted), in reading order, joined by spaces. */
function textIn(page: PdfTextItem[], r: Rect): string {
  return page
    .filter((i) => isValue(i) && !isCheckMark(i) && inside(i, r))
    .sort(reading)
    .map((i) => i.text.trim())
    .join(' ');
}
const box = (page: PdfTextItem[], id: BoxId) => textIn(page, BOXES[id].rect);
const cell = (page: PdfTextItem[], lineIndex: number, column: LineColumnId) => textIn(page, lineCell(lineIndex, column));
const shadedCell = (page: PdfTextItem[], lineIndex: number, column: LineColumnId) => textIn(page, lineShadedCell(lineIndex, column));

/** The check boxes holding an X. */
function checked(page: PdfTextItem[]): CheckId[] {
  return (Object.keys(CHECKS) as CheckId[]).filter((id) => page.some((i) => isValue(i) && i.text === 'X' && inside(i, CHECKS[id].rect))).sort();
}

/** A service line as typed: date from, date to, POS, code, modifiers, pointers, dollars, cents, units, NPI. */
function lineText(page: PdfTextItem[], i: number): string {
  return (Object.keys(LINE_COLUMNS) as LineColumnId[])
    .map((c) => cell(page, i, c))
    .filter(Boolean)
    .join('|');
}

async function render(claim: ClaimSnapshot, options: Parameters<typeof renderCms1500>[1] = {}) {
  const bytes = await renderCms1500(claim, { generatedAt: SIGNED_AT, ...options });
  return { bytes, pages: await pdfPagesItems(bytes) };
}

/** Every value sits in a box of the form (or the carrier block): nothing is typed across a rule or outside. */
function expectAllValuesInBoxes(page: PdfTextItem[]) {
  const stray = page.filter((i) => isValue(i) && !Object.values(BOXES).some((b) => inside(i, b.rect)));
  expect(stray.map((i) => i.text)).toEqual([]);
}

const SELF_CHECKS: CheckId[] = ['1.group', '3.female', '6.self', '10a.no', '10b.no', '10c.no', '11a.female', '11d.no', '25.ein', '27.yes'];

describe('CMS-1500 (02/12)', () => {
  it('draws the form itself: every box 1–33 with its number and caption inside its rectangle, on US Letter', async () => {
    const { bytes, pages } = await render(selfClaim());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(pages).toHaveLength(1);
    const captions = pages[0]!.filter((i) => i.size < VALUE_SIZE);
    for (const [id, spec] of Object.entries(BOXES)) {
      if (id === 'carrier') continue;
      const numbered = spec.caption.find((c) => /^(\d+[a-d]?|[a-d])\.( |$)/.test(c))!;
      const word = numbered.split(' ')[0]!;
      const found = captions.filter((i) => i.text.startsWith(word) && inside(i, spec.rect));
      expect(found.length, `caption of box ${id}`).toBeGreaterThan(0);
    }
    const [text] = await pdfPagesText(bytes);
    expect(text).toContain('HEALTH INSURANCE CLAIM FORM');
    expect(text).toContain('APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12');
    expect(text).toContain('FORM 1500 (02-12)');
    // Box numbers 1–33 all appear (sub-boxes a–d print as "a." under their number).
    for (let n = 1; n <= 33; n++) expect(captions.some((i) => i.text.startsWith(`${n}.`) || i.text.startsWith(`${n}a.`) || i.text.startsWith(`${n}d.`)), `box ${n}`).toBe(true);
  });

  it('patient = subscriber: every box filled from the claim lands in its own box', async () => {
    const { pages } = await render(selfClaim());
    const p = pages[0]!;
    expect(box(p, 'carrier')).toBe('ACME HEALTH PLAN PO BOX 1000 CHICAGO IL 60601');
    expect(box(p, '1a')).toBe('XYZ123456789');
    expect(box(p, '2')).toBe('DOE, JANE, Q');
    expect(box(p, '3')).toBe('04 09 1980');
    expect(box(p, '4')).toBe('DOE, JANE, Q');
    // No punctuation in addresses; ZIP+4 without the hyphen; phone digits only, area code apart.
    expect(box(p, '5')).toBe('42 ELM ST APT 3 SPRINGFIELD IL 627011234 217 5550142');
    expect(box(p, '7')).toBe('42 ELM ST APT 3 SPRINGFIELD IL 627011234');
    for (const empty of ['8', '9', '9a', '9b', '9c', '9d', '10', '10a', '10b', '10c', '10d', '11b', '11d', '14', '15', '16', '17a', '18', '19', '20', '30', '32b'] as const) {
      expect(box(p, empty), `box ${empty}`).toBe('');
    }
    expect(box(p, '11')).toBe('GRP7788');
    expect(box(p, '11a')).toBe('04 09 1980');
    expect(box(p, '11c')).toBe('ACME PPO GOLD');
    expect(box(p, '12')).toBe('SIGNATURE ON FILE');
    expect(box(p, '13')).toBe('SIGNATURE ON FILE');
    expect(box(p, '17')).toBe('DN MORGAN K LEE');
    expect(box(p, '17b')).toBe('1679576722');
    expect(box(p, '21')).toBe('0 E119 I10 Z0000');
    expect(textIn(p, BOXES['21'].rect)).toBe(box(p, '21'));
    expect(box(p, '22')).toBe('');
    expect(box(p, '23')).toBe('PA778');
    expect(box(p, '25')).toBe('123456789');
    expect(box(p, '26')).toBe('CLM-000123');
    expect(box(p, '27')).toBe('');
    expect(box(p, '28')).toBe('175 50');
    expect(box(p, '29')).toBe('25 00');
    expect(box(p, '31')).toBe('ALEX J RIVERA SOF 12 06 26');
    expect(box(p, '32')).toBe('SYNTHETIC CLINIC DOWNTOWN 7 OAK AVE SPRINGFIELD IL 62704');
    expect(box(p, '32a')).toBe('1588667638');
    expect(box(p, '33')).toBe('217 5550100 SYNTHETIC FAMILY MEDICINE, P.C. 100 MAIN ST SUITE 200 SPRINGFIELD IL 62701');
    expect(box(p, '33a')).toBe('1234567893');
    expect(box(p, '33b')).toBe('ZZ207Q00000X');
    expect(checked(p)).toEqual([...SELF_CHECKS].sort());
    expectAllValuesInBoxes(p);
  });

  it('service lines: dates MM DD YY, POS, code and modifiers, pointers as letters, dollars and cents apart, units, rendering NPI', async () => {
    const claim = selfClaim({
      lines: [
        line(1, { code: '99214', modifiers: ['25', '59', 'XU', '76'], diagnosisPointers: [2, 1, 3], chargeCents: 123_405, dateOfService: '2026-01-09' }),
        line(2, { code: 'g0439', units: 3, diagnosisPointers: [3], chargeCents: 7, placeOfServiceCode: '02' }),
      ],
    });
    const { pages } = await render(claim);
    const p = pages[0]!;
    expect(lineText(p, 0)).toBe('01|09|26|01|09|26|11|99214|25|59|XU|76|BAC|1234|05|1|1245319599');
    expect(lineText(p, 1)).toBe('11|03|26|11|03|26|02|G0439|C|0|07|3|1245319599');
    for (let i = 2; i < 6; i++) expect(lineText(p, i)).toBe('');
    // The supplemental (shaded) half carries the rendering taxonomy with its qualifier, nothing else.
    expect(shadedCell(p, 0, 'qualifier')).toBe('ZZ');
    expect(shadedCell(p, 0, 'renderingId')).toBe('207Q00000X');
    expect(shadedCell(p, 0, 'procedure')).toBe('');
    // Dollars right-justified against the dotted rule, cents to its right.
    const dollars = p.find((i) => i.text === '1234' && inside(i, BOXES['24'].rect))!;
    const cents = p.find((i) => i.text === '05' && inside(i, BOXES['24'].rect))!;
    expect(dollars.x + 4 * 5.4).toBeLessThanOrEqual(LINE_COLUMNS.chargeCents.x);
    expect(dollars.x + 4 * 5.4).toBeGreaterThan(LINE_COLUMNS.chargeCents.x - 5);
    expect(cents.x).toBeGreaterThan(LINE_COLUMNS.chargeCents.x);
    expect(box(p, '28')).toBe('1234 12');
    expectAllValuesInBoxes(p);
  });

  it('dependent: patient in 2/3/5, subscriber in 4/7/11a, relationship child, sexes apart', async () => {
    const { pages } = await render(dependentClaim());
    const p = pages[0]!;
    expect(box(p, '2')).toBe('DOE, SAM');
    expect(box(p, '3')).toBe('06 30 2015');
    expect(box(p, '4')).toBe('DOE, JANE, Q');
    expect(box(p, '5')).toBe('9 PINE RD PEORIA IL 61602');
    expect(box(p, '7')).toBe('42 ELM ST APT 3 SPRINGFIELD IL 627011234');
    expect(box(p, '11a')).toBe('04 09 1980');
    expect(checked(p)).toEqual(['1.group', '3.male', '6.child', '10a.no', '10b.no', '10c.no', '11a.female', '11d.no', '25.ein', '27.yes'].sort());
    expectAllValuesInBoxes(p);
  });

  it('relationship and program boxes follow the codes; nothing is checked for an unknown sex', async () => {
    const base = selfClaim();
    const cases: [Partial<ClaimSnapshot>, CheckId[]][] = [
      [{ patient: { ...base.patient, relationshipToSubscriber: '01', sex: 'U' } }, ['6.spouse']],
      [{ patient: { ...base.patient, relationshipToSubscriber: '53' } }, ['6.other', '3.female']],
      [{ subscriber: { ...base.subscriber, claimFilingIndicator: 'MB' } }, ['1.medicare']],
      [{ subscriber: { ...base.subscriber, claimFilingIndicator: 'MC' } }, ['1.medicaid']],
      [{ subscriber: { ...base.subscriber, claimFilingIndicator: 'CH' } }, ['1.tricare']],
      [{ subscriber: { ...base.subscriber, claimFilingIndicator: 'WC' } }, ['1.other']],
      [{ subscriber: { ...base.subscriber, claimFilingIndicator: 'CI', groupNumber: null } }, ['1.other']],
      [{ acceptAssignment: false, releaseOfInformation: false }, ['27.no']],
    ];
    for (const [over, expected] of cases) {
      const p = (await render(selfClaim(over))).pages[0]!;
      const marks = checked(p);
      for (const id of expected) expect(marks, JSON.stringify(over)).toContain(id);
      expect(marks.filter((m) => m.startsWith('1.'))).toHaveLength(1);
      expect(marks.filter((m) => m.startsWith('6.'))).toHaveLength(1);
      if (over.patient?.sex === 'U') expect(marks.filter((m) => m.startsWith('3.'))).toEqual([]);
      if (over.acceptAssignment === false) {
        expect(box(p, '12')).toBe('');
        expect(box(p, '13')).toBe('');
      }
    }
  });

  it('replacement (7) and void (8): resubmission code and the original reference number in 22', async () => {
    for (const code of ['7', '8'] as const) {
      const { pages } = await render(selfClaim({ frequencyCode: code, originalPayerClaimNumber: 'PCN998877' }));
      const p = pages[0]!;
      expect(box(p, '22')).toBe(`${code} PCN998877`);
      const codeItem = p.find((i) => isValue(i) && i.text === code && inside(i, BOXES['22'].rect))!;
      const refItem = p.find((i) => i.text === 'PCN998877')!;
      expect(codeItem.x).toBeLessThan(450);
      expect(refItem.x).toBeGreaterThan(450);
    }
    await expect(renderCms1500(selfClaim({ frequencyCode: '7', originalPayerClaimNumber: null }))).rejects.toBeInstanceOf(Cms1500DataError);
  });

  it('secondary claim: the primary plan in 9/9a/9d, 11d YES, and 29 adds what the primary paid', async () => {
    const base = selfClaim();
    const { dateOfBirth: _d, sex: _s, address: _a, ...insured } = base.subscriber;
    const other = {
      responsibility: 'P' as const, payer: { id: 'p1', name: 'First Synthetic Plan', ediPayerId: 'FSP01', address: null }, subscriber: { ...insured, groupNumber: 'PRIM-GRP', groupName: 'Primary PPO' },
      relationship: '18' as const, payerClaimNumber: 'ICN1', adjudicationDate: '2026-11-20', paidCents: 9_000, claimAdjustments: [], patientResponsibilityCents: 2_000, lines: [],
    };
    const { pages } = await render(selfClaim({ payerResponsibility: 'S', otherPayers: [other] }));
    const p = pages[0]!;
    expect([box(p, '9'), box(p, '9a'), box(p, '9d')]).toEqual([box(p, '4'), 'PRIM-GRP', 'PRIMARY PPO']);
    expect(checked(p)).toContain('11d.yes');
    expect(checked(p)).not.toContain('11d.no');
    expect(box(p, '29')).toBe('115 00'); // 90.00 from the primary + the 25.00 copay
    const primary = (await render(selfClaim())).pages[0]!;
    expect([box(primary, '9'), box(primary, '9a'), box(primary, '9d')]).toEqual(['', '', '']);
    expect(checked(primary)).toContain('11d.no');
  });

  it('twelve diagnoses fill A–L in rows of four; pointers print as letters', async () => {
    const diagnoses = ['A000', 'B001', 'C002', 'D003', 'E004', 'F005', 'G006', 'H007', 'I008', 'J009', 'K010', 'L011'];
    const claim = selfClaim({ diagnoses, lines: [line(1, { diagnosisPointers: [12, 1, 5, 9] })] });
    const p = (await render(claim)).pages[0]!;
    expect(box(p, '21')).toBe(['0', ...diagnoses].join(' '));
    // Each code sits right of its own letter, in the right row and column.
    const letters = 'ABCDEFGHIJKL';
    const labels = p.filter((i) => i.size < VALUE_SIZE && /^[A-L]\.$/.test(i.text) && inside(i, BOXES['21'].rect));
    expect(labels).toHaveLength(12);
    diagnoses.forEach((code, n) => {
      const item = p.find((i) => i.text === code)!;
      const label = labels.find((l) => l.text === `${letters[n]}.`)!;
      expect(Math.abs(item.y - label.y), code).toBeLessThan(1);
      expect(item.x - label.x, code).toBeGreaterThan(0);
      expect(item.x - label.x, code).toBeLessThan(20);
    });
    expect(cell(p, 0, 'pointer')).toBe('LAEI');
  });

  it('eight lines: two pages, six then two lines, each page totals only its own lines, amount paid once, page numbers', async () => {
    const lines = Array.from({ length: 8 }, (_, i) => line(i + 1, { code: `9921${i % 6}`, chargeCents: 1_000 * (i + 1) + i }));
    const { pages } = await render(selfClaim({ lines }));
    expect(pages).toHaveLength(2);
    const [one, two] = pages as [PdfTextItem[], PdfTextItem[]];
    expect([0, 1, 2, 3, 4, 5].map((i) => cell(one, i, 'procedure'))).toEqual(['99210', '99211', '99212', '99213', '99214', '99215']);
    expect([0, 1].map((i) => cell(two, i, 'procedure'))).toEqual(['99210', '99211']);
    expect([2, 3, 4, 5].map((i) => lineText(two, i))).toEqual(['', '', '', '']);
    // 1000+2000+…+6000 + (0+1+…+5) = 21015 cents; 7006 + 8007 = 15013 cents.
    expect(box(one, '28')).toBe('210 15');
    expect(box(two, '28')).toBe('150 13');
    expect(box(one, '29')).toBe('25 00');
    expect(box(two, '29')).toBe('');
    const marker = (p: PdfTextItem[]) => p.filter((i) => Math.abs(i.size - MARKER_SIZE) < 0.01).map((i) => i.text);
    expect(marker(one)).toEqual(['PAGE 1 OF 2']);
    expect(marker(two)).toEqual(['PAGE 2 OF 2']);
    // The rest of the claim repeats on every page.
    for (const p of pages) {
      expect(box(p, '2')).toBe('DOE, JANE, Q');
      expect(box(p, '21')).toBe('0 E119 I10 Z0000');
      expect(box(p, '26')).toBe('CLM-000123');
      expectAllValuesInBoxes(p);
    }
    // A single-page claim carries no page number.
    expect(marker((await render(selfClaim())).pages[0]!)).toEqual([]);
  });

  it('copies: the patient copy repeats the pages marked PATIENT COPY; the payer copy is unmarked', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => line(i + 1));
    const both = await render(selfClaim({ lines }), { patientCopy: true });
    expect(both.pages).toHaveLength(4);
    const labels = both.pages.map((p) => p.filter((i) => i.text === 'PATIENT COPY').length);
    expect(labels).toEqual([0, 0, 1, 1]);
    const only = await render(selfClaim({ lines }), { payerCopy: false, patientCopy: true });
    expect(only.pages.map((p) => p.some((i) => i.text === 'PATIENT COPY'))).toEqual([true, true]);
    await expect(renderCms1500(selfClaim(), { payerCopy: false })).rejects.toThrow(RangeError);
  });

  it('leaves out what the claim does not have: no referring provider, facility, phone, taxonomy, prior auth, payer address', async () => {
    const base = selfClaim();
    const claim = selfClaim({
      referringProvider: null,
      serviceFacility: null,
      priorAuthorizationNumber: null,
      renderingProvider: null,
      patientPaidCents: 0,
      payer: { ...base.payer, address: null },
      billingProvider: { ...base.billingProvider, phone: null, taxonomyCode: null },
      patient: { ...base.patient, phone: null },
    });
    const p = (await render(claim)).pages[0]!;
    for (const empty of ['17', '17b', '23', '29', '32', '32a', '33b'] as const) expect(box(p, empty), `box ${empty}`).toBe('');
    expect(box(p, 'carrier')).toBe('ACME HEALTH PLAN');
    expect(box(p, '5')).toBe('42 ELM ST APT 3 SPRINGFIELD IL 627011234');
    expect(box(p, '31')).toBe('SOF 12 06 26');
    expect(cell(p, 0, 'renderingId')).toBe('');
    expect(shadedCell(p, 0, 'qualifier')).toBe('');
  });

  it('refuses a snapshot it cannot print truthfully (ids and paths only in the message)', async () => {
    const bad: Partial<ClaimSnapshot>[] = [
      { lines: [line(1, { diagnosisPointers: [4] })] },
      { lines: [line(1, { chargeCents: 10.5 })], totalChargeCents: 10.5 },
      { lines: [line(1, { dateOfService: '11/03/2026' })] },
      { lines: [line(1)], totalChargeCents: 1 },
      { diagnoses: [] },
      { lines: [] },
    ];
    for (const over of bad) {
      const err = await renderCms1500(selfClaim(over)).catch((e: unknown) => e);
      expect(err, JSON.stringify(over)).toBeInstanceOf(Cms1500DataError);
      expect((err as Error).message).not.toMatch(/DOE|JANE/i);
    }
  });
});

describe('CMS-1500 layout', () => {
  const within = (inner: Rect, outer: Rect) =>
    inner.x >= outer.x - 0.01 && inner.x + inner.w <= outer.x + outer.w + 0.01 && inner.y >= outer.y - 0.01 && inner.y + inner.h <= outer.y + outer.h + 0.01;
  const overlap = (a: Rect, b: Rect) =>
    Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

  it('boxes tile the form without overlapping', () => {
    const entries = Object.entries(BOXES);
    for (const [i, [a, ra]] of entries.entries()) {
      for (const [b, rb] of entries.slice(i + 1)) expect(overlap(ra.rect, rb.rect), `${a} / ${b}`).toBe(0);
    }
  });

  it('every typed field, with its full width and the height of a 9 pt line, fits inside its own box', () => {
    for (const [id, f] of Object.entries(FIELDS)) {
      const left = 'align' in f && f.align === 'right' ? f.x - f.w : f.x;
      const area: Rect = { x: left, y: f.y - 1.5, w: f.w, h: 1.5 + VALUE_SIZE * 0.7 };
      expect(within(area, BOXES[f.box].rect), id).toBe(true);
    }
  });

  it('every check box sits inside its box; every service-line cell inside box 24', () => {
    for (const [id, c] of Object.entries(CHECKS)) expect(within(c.rect, BOXES[c.box].rect), id).toBe(true);
    for (let i = 0; i < LINES_PER_PAGE; i++) {
      for (const column of Object.keys(LINE_COLUMNS) as LineColumnId[]) {
        expect(within(lineCell(i, column), BOXES['24'].rect), `${i} ${column}`).toBe(true);
        expect(within(lineShadedCell(i, column), BOXES['24'].rect), `${i} ${column}`).toBe(true);
      }
    }
  });
});
