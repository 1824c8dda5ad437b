import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput } from '../../graphql/errors.js';
import type { AuditTrail } from './audit-trail.js';
import { findChainHead, findChainRange, findFirstBrokenLink, findLink, findUnchainedBatch, type LinkBreakRow } from './audit-chain.repo.js';
import { type AuditChainBreak, AuditChainBreakKind, type AuditTrailVerification } from './audit-chain.type.js';

/** Links recomputed per statement: bounds each statement's time and memory on a long chain. */
export const VERIFY_CHUNK = 5000;

function toBreak(row: LinkBreakRow): AuditChainBreak {
  // A gap: the links after the previous present one are gone (with or without their batches).
  if (row.seq !== row.prevSeq + 1) return { kind: AuditChainBreakKind.DELETED, seq: row.prevSeq + 1, batchId: null };
  if (row.batchMissing) return { kind: AuditChainBreakKind.DELETED, seq: row.seq, batchId: String(row.batchId) };
  return { kind: AuditChainBreakKind.EDITED, seq: row.seq, batchId: String(row.batchId) };
}

/**
 * Recomputes the caller's practice's audit chain for the batches recorded in [from, to) and reports the
 * first break: an edited batch, a deleted batch or link, or a batch outside the chain. A break is a
 * result, not an error. Reading the trail this way is itself recorded (entity AuditTrail, no PHI).
 * @param from - null for the start of the chain
 * @param to - null for its end; then links deleted from the end show against the chain head
 * @param anchor - a head exported earlier: when the chain itself follows, its link must still have that hash
 * @returns the verification; `lastLink` (when intact) is what to compare with an exported head
 * @throws BAD_USER_INPUT when `to` is not after `from`
 */
export async function verifyAuditTrail(db: Db, principal: Principal, audit: AuditTrail, from: Date | null, to: Date | null, anchor: { seq: number; hash: string } | null = null): Promise<AuditTrailVerification> {
  if (from && to && to <= from) throw badInput([{ path: 'to', message: 'must be after from' }]);
  const practiceId = principal.practiceId;
  audit.read('AuditTrail', practiceId);
  const range = await findChainRange(db, practiceId, from, to);
  let firstBreak: AuditChainBreak | null = null;
  let checkedLinks = 0;
  for (let lo = range?.lo ?? 1; range && lo <= range.hi; lo += VERIFY_CHUNK) {
    const hi = Math.min(lo + VERIFY_CHUNK - 1, range.hi);
    const broken = await findFirstBrokenLink(db, practiceId, lo, hi);
    if (broken) {
      firstBreak = toBreak(broken);
      checkedLinks += Math.max(0, firstBreak.seq! - lo);
      break;
    }
    checkedLinks += hi - lo + 1;
  }
  if (!firstBreak && !to) {
    // Links cut from the end leave no gap; the head the trigger advanced still counts them.
    const head = await findChainHead(db, practiceId);
    const last = range?.hi ?? 0;
    if (head && head.seq > last && (!from || range)) firstBreak = { kind: AuditChainBreakKind.DELETED, seq: last + 1, batchId: null };
  }
  if (!firstBreak) {
    const unchained = await findUnchainedBatch(db, practiceId, from, to);
    if (unchained !== null) firstBreak = { kind: AuditChainBreakKind.UNCHAINED, seq: null, batchId: String(unchained) };
  }
  if (!firstBreak && anchor) {
    const link = await findLink(db, practiceId, anchor.seq);
    if (link?.hash !== anchor.hash) firstBreak = { kind: AuditChainBreakKind.ANCHOR_MISMATCH, seq: anchor.seq, batchId: null };
  }
  const lastLink = !firstBreak && range ? await findLink(db, practiceId, range.hi) : null;
  return { intact: !firstBreak, checkedLinks, firstSeq: range?.lo ?? null, lastSeq: range?.hi ?? null, lastLink, firstBreak };
}
