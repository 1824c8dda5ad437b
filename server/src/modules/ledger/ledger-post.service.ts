import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError, badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import { todayIn } from '../../lib/dates.js';
import type { EntryDraft, LedgerActor, LedgerDraft, ReversalDraft } from './ledger-draft.js';
import { LedgerEntryKind } from './ledger-kind.js';
import * as repo from './ledger.repo.js';
import { draftProblems, latestToday } from './ledger.rules.js';
import { sameRequest, toRow } from './ledger-post.rules.js';
import { checkRefs } from './ledger-refs.service.js';

/** One entry of a posting: newly recorded, or the earlier entry its idempotency key names (replayed). */
export interface Posted {
  entry: repo.LedgerEntryRow;
  replayed: boolean;
}

export const keyReused = (key: string) => new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different ledger entry`);
const alreadyReversed = (path: string, id: string, by: string) => badInput([{ path, message: `ledger entry ${id} is already reversed by entry ${by}` }]);
const isReversal = (d: LedgerDraft): d is ReversalDraft => d.kind === LedgerEntryKind.REVERSAL;

/**
 * Records entries on the caller's transaction, all or none: the posting steps (charges, remittances,
 * payments, write-offs) call it inside their own `db.transaction`. Postings for a patient run one after
 * another (the patient rows are locked), so an entry whose idempotency key is already recorded is not
 * recorded again — also when two postings with the same key run at once — and the first one is returned.
 * A REVERSAL draft copies its entry negated; an entry is reversed at most once, and a reversal never.
 * Auditing is the caller's (it knows the business event: a write-off, a remittance).
 * @param pathOf - the error path of a draft's field (default `entries.<i>.<field>`)
 * @returns one Posted per draft, in draft order
 * @throws BAD_USER_INPUT (cents not integer, out of bounds or of the wrong sign; bucket, group code, CARC,
 *   lines, reasons, dates; a superbill of another patient; reversing a reversal or a reversed entry),
 *   NOT_FOUND (patient, superbill, payer, entry to reverse — also another practice's),
 *   IDEMPOTENCY_KEY_REUSED (a key already recorded for a different entry)
 */
export async function post(tx: Db, actor: LedgerActor, drafts: readonly LedgerDraft[], pathOf = (i: number, f: string) => `entries.${i}.${f}`): Promise<Posted[]> {
  if (drafts.length === 0) return [];
  const { practiceId } = actor;
  const today = latestToday();
  const problems: FieldProblem[] = drafts.flatMap((d, i) => draftProblems(d, (f) => pathOf(i, f), today));
  const keys = drafts.map((d) => d.idempotencyKey ?? null);
  const targets = drafts.map((d) => (isReversal(d) ? d.reversesId : null));
  for (let i = 0; i < drafts.length; i++) {
    if (keys[i] !== null && keys.indexOf(keys[i]!) !== i) problems.push({ path: pathOf(i, 'idempotencyKey'), message: 'repeats a key of this posting' });
    if (targets[i] !== null && targets.indexOf(targets[i]!) !== i) problems.push({ path: pathOf(i, 'reversesId'), message: 'reverses an entry this posting already reverses' });
  }
  if (problems.length) throw badInput(problems);

  const originals = new Map((await repo.findEntriesByIds(tx, practiceId, targets.filter((t): t is string => t !== null))).map((r) => [r.id, r]));
  for (const t of targets) if (t !== null && !originals.has(t)) throw notFound('LedgerEntry', t);
  const entryPatients = drafts.filter((d): d is EntryDraft => !isReversal(d)).map((d) => d.patientId);
  const locked = new Set(await repo.lockPatients(tx, practiceId, [...entryPatients, ...[...originals.values()].map((o) => o.patientId)]));
  for (const p of entryPatients) if (!locked.has(p)) throw notFound('Patient', p);

  const earlier = new Map((await repo.findEntriesByKeys(tx, practiceId, keys.filter((k): k is string => k !== null))).map((r) => [r.idempotencyKey!, r]));
  const result: (Posted | null)[] = drafts.map((d) => {
    const row = d.idempotencyKey ? earlier.get(d.idempotencyKey) : undefined;
    if (!row) return null;
    if (!sameRequest(d, row)) throw keyReused(d.idempotencyKey!);
    return { entry: row, replayed: true };
  });
  const fresh = drafts.map((d, i) => ({ d, i })).filter(({ i }) => result[i] === null);
  await checkRefs(tx, practiceId, fresh.filter((f): f is { d: EntryDraft; i: number } => !isReversal(f.d)), pathOf);
  const reversed = new Map((await repo.findReversalsOf(tx, practiceId, fresh.filter(({ d }) => isReversal(d)).map(({ d }) => (d as ReversalDraft).reversesId))).map((r) => [r.reversesId!, r.id]));
  for (const { d, i } of fresh) {
    if (!isReversal(d)) continue;
    if (originals.get(d.reversesId)!.kind === LedgerEntryKind.REVERSAL) throw badInput([{ path: pathOf(i, 'reversesId'), message: `ledger entry ${d.reversesId} is a reversal; post the entry again instead` }]);
    if (reversed.has(d.reversesId)) throw alreadyReversed(pathOf(i, 'reversesId'), d.reversesId, reversed.get(d.reversesId)!);
  }

  const rows = fresh.map(({ d }) => ({ ...toRow(d, isReversal(d) ? originals.get(d.reversesId)! : null, actor.userId), id: randomUUID() }));
  const inserted = new Map((await repo.insertEntries(tx, practiceId, rows)).map((r) => [r.id, r]));
  const skipped = fresh.filter((_, j) => !inserted.has(rows[j]!.id));
  // Skipped rows lost a race the patient lock does not cover: the same key posted for another patient,
  // or the same entry reversed. Read the winner (committed by now) and decide.
  const winners = new Map((await repo.findEntriesByKeys(tx, practiceId, skipped.flatMap(({ d }) => (d.idempotencyKey ? [d.idempotencyKey] : [])))).map((r) => [r.idempotencyKey!, r]));
  for (const [j, { d, i }] of fresh.entries()) {
    const mine = inserted.get(rows[j]!.id);
    const winner = d.idempotencyKey ? winners.get(d.idempotencyKey) : undefined;
    if (mine) result[i] = { entry: mine, replayed: false };
    else if (winner && sameRequest(d, winner)) result[i] = { entry: winner, replayed: true };
    else if (winner) throw keyReused(d.idempotencyKey!);
    else throw alreadyReversed(pathOf(i, 'reversesId'), (d as ReversalDraft).reversesId, 'another posting');
  }
  return result as Posted[];
}

/** The practice's calendar: its first location's time zone; UTC without a location. */
export async function practiceZone(db: Db, practiceId: string): Promise<string> {
  return (await repo.findPracticeZone(db, practiceId)) ?? 'UTC';
}

/** Today on the practice's calendar (`practiceZone`). */
export async function practiceToday(db: Db, practiceId: string, now: Date = new Date()): Promise<string> {
  return todayIn(await practiceZone(db, practiceId), now);
}

/**
 * Reverses one entry (exactly once) with a reason, effective today on the practice's calendar unless
 * told otherwise.
 * @returns the reversal (replayed when the idempotency key was recorded before)
 * @throws NOT_FOUND (no such entry in the practice), BAD_USER_INPUT (blank reason; a reversal; already
 *   reversed), IDEMPOTENCY_KEY_REUSED
 */
export async function reverse(tx: Db, actor: LedgerActor, entryId: string, reason: string, opts: { effectiveDate?: string; idempotencyKey?: string | null; remittanceId?: string | null } = {}): Promise<Posted> {
  const effectiveDate = opts.effectiveDate ?? (await practiceToday(tx, actor.practiceId));
  const draft: ReversalDraft = { kind: LedgerEntryKind.REVERSAL, reversesId: entryId, reason, effectiveDate, idempotencyKey: opts.idempotencyKey ?? null, remittanceId: opts.remittanceId ?? null };
  const [posted] = await post(tx, actor, [draft], (_, f) => `input.${f === 'reversesId' ? 'id' : f}`);
  return posted!;
}
