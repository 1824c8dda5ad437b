import { type At, CLAIM_STATUS_CODES, checkCode, HANDLING_CODES, PAYMENT_METHODS, type ProblemLog, readAdjustments, readCents, readDate, readEntity, readNumber, readProcedure, splitComposite } from './x12-835-fields.js';
import type { ProviderAdjustment, Remittance, RemittanceClaim, RemittanceServiceLine } from './x12-835-types.js';
import type { X12Doc } from './x12-document.js';

type Loop = 'header' | 'payer' | 'payee' | 'lx' | 'claim' | 'line' | 'summary';

/** Segments of the 835 the reader knows but does not normalise (kept out of problems). */
const SKIPPED: Record<string, readonly Loop[]> = {
  NTE: ['header'], CUR: ['header'], PER: ['payer', 'claim'], RDM: ['payee'],
  TS3: ['lx'], TS2: ['lx'], QTY: ['claim', 'line'],
};

/**
 * The 835's loop structure as a state machine over the body segments (ST..SE exclusive): header →
 * payer (1000A) → payee (1000B) → header number (2000, LX) → claim (2100, CLP) → service line (2110,
 * SVC) → summary (PLB). Each segment is read into the remittance in the loop it belongs to; a segment
 * out of place, a missing required value or an unknown code becomes a problem.
 */
export class Reader835 {
  private loop: Loop = 'header';
  private claim: RemittanceClaim | null = null;
  private line: RemittanceServiceLine | null = null;
  private headerNumber: string | null = null;
  private seen = new Set<string>();

  constructor(
    private readonly r: Remittance,
    private readonly log: ProblemLog,
    private readonly component: string,
  ) {}

  read(doc: X12Doc): void {
    doc.body.forEach((s, i) => {
      const at: At = { position: i + 2, tag: s.tag };
      if (this.claim) at.claimIndex = this.claim.index;
      if (this.line && this.loop === 'line') at.lineNumber = this.line.lineNumber;
      if (i === 0 && s.tag !== 'BPR') this.log.error('STRUCTURE', at, 'the 835 must begin with BPR');
      this.segment(s.tag, s.el, at);
    });
    const file = { position: 0, tag: '' };
    for (const tag of ['BPR', 'TRN', 'N1*PR', 'N1*PE']) if (!this.seen.has(tag)) this.log.error('MISSING', { ...file, tag: tag.slice(0, 3).replace('*', '') }, `required segment ${tag} is missing`);
    for (const c of this.r.claims) if (!c.patient) this.log.error('MISSING', { position: 0, tag: 'NM1', claimIndex: c.index }, `claim ${c.index + 1} has no patient (NM1*QC)`);
  }

  private misplaced(at: At, where: string): void {
    this.log.error('STRUCTURE', at, `${at.tag} is not allowed ${where}`);
  }

  private segment(tag: string, el: string[], at: At): void {
    const loop = this.loop;
    const inClaim = loop === 'claim' || loop === 'line';
    switch (tag) {
      case 'BPR':
        this.once(tag, at, loop === 'header', () => this.bpr(el, at));
        return;
      case 'TRN':
        this.once(tag, at, loop === 'header', () => {
          this.r.trace = { typeCode: checkCode(this.log, at, el, 1, ['1']), number: el[1] ?? '', payerId: el[2] ?? '', supplementalCode: el[3] || null };
          if (!el[1]) this.log.error('MISSING', at, 'TRN02 (check or EFT trace number) is required', 2);
          if (!el[2]) this.log.error('MISSING', at, 'TRN03 (payer identifier) is required', 3);
        });
        return;
      case 'N1':
        this.n1(el, at);
        return;
      case 'LX':
        if (!this.seen.has('N1*PE') || loop === 'summary') {
          this.misplaced(at, 'before the payee (N1*PE) or after PLB');
          return;
        }
        this.loop = 'lx';
        this.claim = null;
        this.line = null;
        this.headerNumber = el[0] ?? null;
        if (!/^\d{1,6}$/.test(el[0] ?? '')) this.log.error('CODE', at, 'LX01 must be 1–6 digits', 1);
        return;
      case 'CLP':
        if (loop !== 'lx' && !inClaim) {
          this.misplaced(at, 'outside a header number loop (LX)');
          return;
        }
        this.clp(el, at);
        return;
      case 'SVC':
        if (!inClaim) {
          this.misplaced(at, 'outside a claim (CLP)');
          return;
        }
        this.svc(el, at);
        return;
      case 'CAS': {
        if (!inClaim) {
          this.misplaced(at, 'outside a claim (CLP)');
          return;
        }
        const adj = readAdjustments(this.log, at, el);
        (loop === 'line' ? this.line! : this.claim!).adjustments.push(...adj);
        return;
      }
      case 'NM1': {
        if (loop !== 'claim') {
          this.misplaced(at, 'outside the claim loop (2100)');
          return;
        }
        const e = readEntity(el);
        const c = this.claim!;
        const slot = ({ QC: 'patient', IL: 'insured', '82': 'renderingProvider' } as const)[e.entityCode as 'QC' | 'IL' | '82'];
        if (slot && c[slot]) this.log.error('STRUCTURE', at, `NM1*${e.entityCode} occurs twice in the claim`);
        else if (slot) c[slot] = e;
        else if (['74', 'TT', 'PR', 'GB'].includes(e.entityCode)) c.otherEntities.push(e);
        else this.log.error('CODE', at, `NM101 "${e.entityCode.slice(0, 3)}" is not an entity of loop 2100`, 1);
        return;
      }
      case 'MOA':
      case 'MIA': {
        if (loop !== 'claim') {
          this.misplaced(at, 'outside the claim loop (2100)');
          return;
        }
        const idx = tag === 'MOA' ? [2, 3, 4, 5, 6] : [4, 19, 20, 21, 22];
        this.claim!.remarkCodes.push(...idx.map((i) => el[i] ?? '').filter(Boolean));
        return;
      }
      case 'REF':
        this.ref(el, at);
        return;
      case 'N3':
      case 'N4':
        this.address(tag, el, at);
        return;
      case 'PER':
        if (loop === 'payer' && el[0] === 'BL') {
          const te = [2, 4, 6].find((i) => el[i] === 'TE');
          const phone = te === undefined ? null : (el[te + 1] ?? null);
          this.r.payer.technicalContact = { name: el[1] || null, phone };
          return;
        }
        break;
      case 'DTM':
        this.dtm(el, at);
        return;
      case 'AMT': {
        if (!inClaim) {
          this.misplaced(at, 'outside a claim (CLP)');
          return;
        }
        const amount = { qualifier: el[0] ?? '', cents: readCents(this.log, at, el, 2) ?? 0 };
        if (!amount.qualifier) this.log.error('MISSING', at, 'AMT01 is required', 1);
        if (loop === 'line') {
          this.line!.amounts.push(amount);
          if (amount.qualifier === 'B6') this.line!.allowedCents = amount.cents;
        } else this.claim!.amounts.push(amount);
        return;
      }
      case 'LQ':
        if (loop !== 'line') {
          this.misplaced(at, 'outside a service line (SVC)');
          return;
        }
        checkCode(this.log, at, el, 1, ['HE', 'RX']);
        if (!el[1]) this.log.error('MISSING', at, 'LQ02 (remark code) is required', 2);
        this.line!.remarks.push({ qualifier: el[0] ?? '', code: el[1] ?? '' });
        return;
      case 'PLB':
        this.loop = 'summary';
        this.claim = null;
        this.line = null;
        this.plb(el, at);
        return;
    }
    const allowed = SKIPPED[tag];
    if (!allowed) this.log.error('STRUCTURE', at, `${tag.slice(0, 3)} is not a segment of the 835`);
    else if (!allowed.includes(loop)) this.misplaced(at, `in this loop (${loop})`);
  }

  private once(key: string, at: At, allowedHere: boolean, read: () => void): void {
    if (this.seen.has(key)) {
      this.log.error('STRUCTURE', at, `${key} occurs more than once`);
      return;
    }
    if (!allowedHere) this.misplaced(at, 'after the header');
    this.seen.add(key);
    read();
  }

  private bpr(el: string[], at: At): void {
    this.r.payment = {
      handlingCode: checkCode(this.log, at, el, 1, HANDLING_CODES),
      totalCents: readCents(this.log, at, el, 2) ?? 0,
      creditDebit: checkCode(this.log, at, el, 3, ['C', 'D']),
      method: checkCode(this.log, at, el, 4, PAYMENT_METHODS),
      format: el[4] || null,
      paymentDate: readDate(this.log, at, el, 16, true),
    };
    if (this.r.payment.totalCents < 0) this.log.error('AMOUNT', at, 'BPR02 must not be negative (BPR03 gives the direction)', 2);
  }

  private n1(el: string[], at: At): void {
    const code = el[0] ?? '';
    const key = `N1*${code}`;
    if (code !== 'PR' && code !== 'PE') {
      this.log.error('CODE', at, `N101 "${code.slice(0, 3)}" is not PR (payer) or PE (payee)`, 1);
      return;
    }
    const expected: Loop = code === 'PR' ? 'header' : 'payer';
    this.once(key, at, this.loop === expected, () => {
      this.loop = code === 'PR' ? 'payer' : 'payee';
      if (!el[1]) this.log.error('MISSING', at, 'N102 (name) is required', 2);
      const party = { name: el[1] ?? '', address: null, technicalContact: null, idQualifier: el[2] || null, id: el[3] || null, references: [] };
      if (code === 'PR') this.r.payer = party;
      else this.r.payee = { ...party, npi: party.idQualifier === 'XX' ? party.id : null, tin: party.idQualifier === 'FI' ? party.id : null };
    });
  }

  private clp(el: string[], at: At): void {
    const index = this.r.claims.length;
    const where = { ...at, claimIndex: index };
    if (!el[0]) this.log.error('MISSING', where, 'CLP01 (patient account number) is required', 1);
    const claim: RemittanceClaim = {
      index,
      headerNumber: this.headerNumber,
      patientAccountNumber: el[0] ?? '',
      statusCode: checkCode(this.log, where, el, 2, CLAIM_STATUS_CODES),
      chargeCents: readCents(this.log, where, el, 3) ?? 0,
      paidCents: readCents(this.log, where, el, 4) ?? 0,
      patientResponsibilityCents: readCents(this.log, where, el, 5, false),
      claimFilingIndicator: el[5] ?? '',
      payerClaimControlNumber: el[6] || null,
      facilityCode: el[7] || null,
      frequencyCode: el[8] || null,
      adjustments: [], patient: null, insured: null, renderingProvider: null, otherEntities: [], references: [],
      statementFrom: null, statementTo: null, receivedDate: null, coverageExpirationDate: null, amounts: [], remarkCodes: [], lines: [],
    };
    if (!claim.claimFilingIndicator) this.log.error('MISSING', where, 'CLP06 (claim filing indicator) is required', 6);
    if (!claim.payerClaimControlNumber) this.log.error('MISSING', where, 'CLP07 (payer claim control number) is required', 7);
    this.r.claims.push(claim);
    this.claim = claim;
    this.line = null;
    this.loop = 'claim';
  }

  private svc(el: string[], at: At): void {
    const c = this.claim!;
    const lineNumber = c.lines.length + 1;
    const where = { ...at, claimIndex: c.index, lineNumber };
    const line: RemittanceServiceLine = {
      lineNumber,
      procedure: readProcedure(this.log, where, el, 1, this.component),
      chargeCents: readCents(this.log, where, el, 2) ?? 0,
      paidCents: readCents(this.log, where, el, 3) ?? 0,
      revenueCode: el[3] || null,
      units: readNumber(this.log, where, el, 5) ?? 1,
      originalProcedure: el[5] ? readProcedure(this.log, where, el, 6, this.component) : null,
      originalUnits: readNumber(this.log, where, el, 7),
      serviceDateFrom: null, serviceDateTo: null, adjustments: [], lineItemControlNumber: null, references: [], allowedCents: null, amounts: [], remarks: [],
    };
    c.lines.push(line);
    this.line = line;
    this.loop = 'line';
  }

  private ref(el: string[], at: At): void {
    const ref = { qualifier: el[0] ?? '', value: el[1] ?? '' };
    if (!ref.qualifier || !ref.value) this.log.error('MISSING', at, 'REF01 and REF02 are required', ref.qualifier ? 2 : 1);
    switch (this.loop) {
      case 'header':
        if (ref.qualifier === 'EV') this.r.receiverReference = ref.value;
        else if (ref.qualifier !== 'F2') this.log.error('CODE', at, `REF01 "${ref.qualifier.slice(0, 3)}" is not EV or F2 in the header`, 1);
        return;
      case 'payer':
        this.r.payer.references.push(ref);
        return;
      case 'payee':
        this.r.payee.references.push(ref);
        if (ref.qualifier === 'TJ' && !this.r.payee.tin) this.r.payee.tin = ref.value;
        return;
      case 'claim':
        this.claim!.references.push(ref);
        return;
      case 'line':
        if (ref.qualifier === '6R') this.line!.lineItemControlNumber = ref.value;
        else this.line!.references.push(ref);
        return;
      default:
        this.misplaced(at, `in this loop (${this.loop})`);
    }
  }

  private address(tag: string, el: string[], at: At): void {
    if (this.loop !== 'payer' && this.loop !== 'payee') {
      this.misplaced(at, 'outside the payer and payee loops');
      return;
    }
    const party = this.loop === 'payer' ? this.r.payer : this.r.payee;
    const a = party.address ?? { line1: '', line2: null, city: '', state: null, postalCode: null };
    if (tag === 'N3') Object.assign(a, { line1: el[0] ?? '', line2: el[1] || null });
    else Object.assign(a, { city: el[0] ?? '', state: el[1] || null, postalCode: el[2] || null });
    if (!el[0]) this.log.error('MISSING', at, `${tag}01 is required`, 1);
    party.address = a;
  }

  private dtm(el: string[], at: At): void {
    const q = el[0] ?? '';
    const date = readDate(this.log, at, el, 2, true);
    const c = this.claim;
    if (this.loop === 'header' && q === '405') this.r.productionDate = date;
    else if (this.loop === 'claim' && c && ['232', '233', '036', '050'].includes(q)) {
      if (q === '232') c.statementFrom = date;
      else if (q === '233') c.statementTo = date;
      else if (q === '050') c.receivedDate = date;
      else c.coverageExpirationDate = date;
    } else if (this.loop === 'line' && this.line && ['472', '150', '151'].includes(q)) {
      if (q === '151') this.line.serviceDateTo = date;
      else {
        this.line.serviceDateFrom = date;
        if (q === '472') this.line.serviceDateTo = date;
      }
    } else this.log.error('CODE', at, `DTM01 "${q.slice(0, 3)}" is not a date qualifier of this loop (${this.loop})`, 1);
  }

  private plb(el: string[], at: At): void {
    const providerId = el[0] ?? '';
    if (!providerId) this.log.error('MISSING', at, 'PLB01 (provider identifier) is required', 1);
    const fiscalPeriodDate = readDate(this.log, at, el, 2, true);
    const pairs: ProviderAdjustment[] = [];
    for (let p = 0; p < 6; p++) {
      const e = 3 + p * 2;
      const composite = el[e - 1] ?? '';
      if (!composite && !el[e]) {
        if (p === 0) this.log.error('MISSING', at, 'PLB03 (adjustment reason) is required', 3);
        continue;
      }
      const [reason = '', reference = ''] = splitComposite(this.log, at, composite, e, this.component);
      if (!reason) this.log.error('MISSING', at, `PLB${String(e).padStart(2, '0')} has no reason code`, e);
      pairs.push({ providerId, fiscalPeriodDate, reason, reference: reference || null, amountCents: readCents(this.log, at, el, e + 1) ?? 0 });
    }
    this.r.providerAdjustments.push(...pairs);
  }
}
