import { describe, expect, it } from 'vitest';
import { toBalance } from './ledger-balance.js';
import { LedgerBucket, LedgerEntryKind } from './ledger-kind.js';
import { toRow } from './ledger-post.rules.js';
import { amountProblems, dateProblems, draftProblems } from './ledger.rules.js';

const at = (f: string) => `entries.0.${f}`;
const PATIENT = '0b7f3c1e-2d4a-4c5b-9e8f-1a2b3c4d5e6f';

describe('ledger rules', () => {
  it('accepts only whole, non-zero, bounded cents of the kind\'s sign', () => {
    expect(amountProblems(1, 'POSITIVE', 'a')).toEqual([]);
    expect(amountProblems(-100_000_000, 'NEGATIVE', 'a')).toEqual([]);
    for (const [cents, sign] of [[0.5, 'EITHER'], [0, 'EITHER'], [100_000_001, 'EITHER'], [Number.POSITIVE_INFINITY, 'EITHER'], [-1, 'POSITIVE'], [1, 'NEGATIVE']] as const) {
      expect(amountProblems(cents, sign, 'a'), `${cents} ${sign}`).toHaveLength(1);
    }
  });

  it('refuses impossible and future dates', () => {
    expect(dateProblems('2026-02-28', 'd', '2026-12-06')).toEqual([]);
    expect(dateProblems('2026-02-29', 'd', '2026-12-06')).toHaveLength(1);
    expect(dateProblems('2026-12-07', 'd', '2026-12-06')).toEqual([{ path: 'd', message: 'must not be in the future' }]);
  });

  it('ties each kind to its bucket and adjustment codes', () => {
    const pr = { kind: LedgerEntryKind.PATIENT_RESPONSIBILITY, patientId: PATIENT, bucket: LedgerBucket.PATIENT, amountCents: 500, effectiveDate: '2026-03-02', groupCode: 'PR', reasonCode: '2' } as const;
    expect(draftProblems(pr, at, '2026-12-06')).toEqual([]);
    expect(draftProblems({ ...pr, bucket: LedgerBucket.INSURANCE }, at, '2026-12-06').map((p) => p.path)).toEqual(['entries.0.bucket']);
    expect(draftProblems({ ...pr, groupCode: 'CO', reasonCode: null }, at, '2026-12-06').map((p) => p.path)).toEqual(['entries.0.groupCode', 'entries.0.reasonCode']);
    // A transfer takes its amount from the insurance part.
    expect(toRow(pr, null, 'u')).toMatchObject({ bucket: 'PATIENT', counterBucket: 'INSURANCE', amountCents: 500, groupCode: 'PR', reasonCode: '2' });
  });

  it('reads a negative patient part as a credit', () => {
    expect(toBalance({ insuranceCents: 1_000, patientCents: -300 })).toEqual({ insuranceCents: 1_000, patientCents: 0, creditCents: 300, totalCents: 700 });
    expect(toBalance({ insuranceCents: -50, patientCents: 200 })).toEqual({ insuranceCents: -50, patientCents: 200, creditCents: 0, totalCents: 150 });
    expect(toBalance(null)).toEqual({ insuranceCents: 0, patientCents: 0, creditCents: 0, totalCents: 0 });
  });
});
