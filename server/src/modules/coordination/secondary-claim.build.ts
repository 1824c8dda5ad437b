import type { ClaimSnapshot, PayerResponsibility, SnapshotAdjustment, SnapshotOtherPayer, SnapshotPayer, SnapshotRelationship, SnapshotSubscriber } from '../claims/claim-snapshot.js';
import type { LiveAdjudication } from '../remittances/remittance-adjudication.repo.js';

/** The responsibility that follows a claim's own (P → S → T), or null after tertiary. */
export const nextResponsibility = (r: PayerResponsibility): PayerResponsibility | null => (r === 'P' ? 'S' : r === 'S' ? 'T' : null);

/** The coverage order that pays at a responsibility. */
export const COVERAGE_ORDER = { P: 'PRIMARY', S: 'SECONDARY', T: 'TERTIARY' } as const;

const byCode = (a: SnapshotAdjustment, b: SnapshotAdjustment) => a.group.localeCompare(b.group) || a.reason.localeCompare(b.reason, 'en', { numeric: true });
const toAdjustment = (a: LiveAdjudication['adjustments'][number]): SnapshotAdjustment => ({ group: a.group, reason: a.reason, amountCents: a.amountCents });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * A claim's adjudication as the next payer's claim carries it (2320/2330/2430): the claim's payer,
 * insured and relationship from its snapshot; paid amounts and CAS from its live 835 posting. Lines the
 * 835 did not match to a claim line are left out (they cannot be written as 2430 of a line). Pure.
 */
export function otherPayerOf(snapshot: ClaimSnapshot, payerClaimNumber: string | null, a: LiveAdjudication): SnapshotOtherPayer {
  const { dateOfBirth: _d, sex: _s, address: _a, ...insured } = snapshot.subscriber;
  const lines = a.lines
    .filter((l) => l.position !== null)
    .map((l) => ({ position: l.position!, code: l.code, modifiers: l.modifiers, units: l.units, paidCents: l.paidCents, adjustments: a.adjustments.filter((x) => x.lineId === l.id).map(toAdjustment).sort(byCode) }));
  const claimAdjustments = a.adjustments.filter((x) => x.lineId === null).map(toAdjustment).sort(byCode);
  const all = [...claimAdjustments, ...lines.flatMap((l) => l.adjustments)];
  return {
    responsibility: snapshot.payerResponsibility ?? 'P',
    payer: snapshot.payer,
    subscriber: insured,
    relationship: snapshot.patient.relationshipToSubscriber,
    payerClaimNumber: a.payerClaimNumber ?? payerClaimNumber,
    adjudicationDate: a.adjudicationDate,
    paidCents: a.paidCents,
    claimAdjustments,
    patientResponsibilityCents: sum(all.filter((x) => x.group === 'PR').map((x) => x.amountCents)),
    lines,
  };
}

/** The next payer of a claim: its payer, insured and the patient's relationship to that insured. */
export interface NextPayer {
  responsibility: PayerResponsibility;
  payer: SnapshotPayer;
  subscriber: SnapshotSubscriber;
  relationship: SnapshotRelationship;
}

/**
 * The snapshot of the claim to the next payer: what the prior claim billed (same lines, diagnoses,
 * providers), to the next payer and its insured, with every earlier payer's adjudication (2320 loops)
 * and a new patient account number. Pure.
 */
export function nextPayerSnapshot(prior: ClaimSnapshot, accountNumber: string, next: NextPayer, adjudication: SnapshotOtherPayer): ClaimSnapshot {
  return {
    ...prior,
    patientAccountNumber: accountNumber,
    frequencyCode: '1',
    originalPayerClaimNumber: null,
    payer: next.payer,
    subscriber: next.subscriber,
    patient: { ...prior.patient, relationshipToSubscriber: next.relationship },
    payerResponsibility: next.responsibility,
    otherPayers: [...(prior.otherPayers ?? []), adjudication],
  };
}

/** What the prior payers left to the patient on each line (Σ PR of the last payer), by line position (0: claim level). */
export function patientShareByLine(s: ClaimSnapshot): Map<number, number> {
  const last = s.otherPayers?.at(-1);
  const out = new Map<number, number>();
  if (!last) return out;
  const add = (position: number, adjs: readonly SnapshotAdjustment[]) => out.set(position, (out.get(position) ?? 0) + sum(adjs.filter((a) => a.group === 'PR').map((a) => a.amountCents)));
  add(0, last.claimAdjustments);
  for (const l of last.lines) add(l.position, l.adjustments);
  return out;
}
