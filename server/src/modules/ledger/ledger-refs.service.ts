import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import type { EntryDraft } from './ledger-draft.js';
import { findPayerIds, findSuperbillRefs } from './ledger.repo.js';

/**
 * Checks what drafts point at, two statements for any number of drafts: superbills exist in the practice,
 * belong to the draft's patient and have the line named; payers exist in the practice. Claims and
 * remittances are not checked here yet (their tables are not on this branch).
 * @throws NOT_FOUND (superbill, payer), BAD_USER_INPUT (another patient's superbill, a line it does not have)
 */
export async function checkRefs(db: Db, practiceId: string, drafts: readonly { d: EntryDraft; i: number }[], pathOf: (i: number, f: string) => string): Promise<void> {
  const superbillIds = [...new Set(drafts.flatMap(({ d }) => (d.superbillId ? [d.superbillId] : [])))];
  const payerIds = [...new Set(drafts.flatMap(({ d }) => (d.payerId ? [d.payerId] : [])))];
  const [bills, payers] = await Promise.all([findSuperbillRefs(db, practiceId, superbillIds), findPayerIds(db, practiceId, payerIds)]);
  const byId = new Map(bills.map((b) => [b.id, b]));
  const payerSet = new Set(payers);
  for (const { d, i } of drafts) {
    if (d.payerId && !payerSet.has(d.payerId)) throw notFound('Payer', d.payerId);
    if (!d.superbillId) continue;
    const bill = byId.get(d.superbillId);
    if (!bill) throw notFound('Superbill', d.superbillId);
    if (bill.patientId !== d.patientId) throw badInput([{ path: pathOf(i, 'superbillId'), message: `superbill ${d.superbillId} is another patient's` }]);
    if (d.superbillLinePosition != null && !bill.positions.includes(d.superbillLinePosition)) throw badInput([{ path: pathOf(i, 'superbillLinePosition'), message: `superbill ${d.superbillId} has no line ${d.superbillLinePosition}` }]);
  }
}
