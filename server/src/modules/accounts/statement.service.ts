import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { MONEY_MAX_CENTS } from '../../graphql/scalars/money.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import type { GenerateStatementsInput, StatementsArgs } from './statement.inputs.js';
import { toStatement } from './statement.mapper.js';
import { findPlansForStatements } from './payment-plan.repo.js';
import { statementPlan } from './statement-plan.rules.js';
import * as repo from './statement.repo.js';
import { addDays, draftStatement } from './statement.rules.js';
import type { GenerateStatementsPayload, PatientStatement } from './statement.type.js';

/** Patients per transaction: bounds locks, parameters and memory of a large run. */
const BATCH = 500;

function inputProblems(input: GenerateStatementsInput, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.asOf > today) problems.push({ path: 'input.asOf', message: 'must not be after today on the practice calendar' });
  if (!Number.isSafeInteger(input.minimumBalance) || input.minimumBalance < 1 || input.minimumBalance > MONEY_MAX_CENTS) problems.push({ path: 'input.minimumBalance', message: `must be whole cents from 1 to ${MONEY_MAX_CENTS}` });
  return problems;
}

/**
 * Makes this cycle's statements (the month of `asOf`): one per patient whose patient part by `asOf` is at
 * least `minimumBalance` and who has no statement for this cycle or a later one. Each is a snapshot of the
 * entries since the previous statement (every entry lands on exactly one statement: a payment racing the
 * run is either on it or on the next one), with the patient's active payment plan: installments missed by
 * `asOf` and those due by the statement's due date (statement-plan.rules.ts). Runs in batches of patients, each its own transaction; a rerun
 * (also after a failure) makes only the missing ones. Each statement's creation is audited.
 * @returns the cycle, how many statements were made, and their total balance due
 * @throws BAD_USER_INPUT (asOf after today, minimumBalance not 1…max cents)
 */
export async function generateStatements(db: Db, principal: Principal, audit: AuditTrail, input: GenerateStatementsInput): Promise<GenerateStatementsPayload> {
  const { practiceId, userId } = principal;
  const problems = inputProblems(input, await practiceToday(db, practiceId));
  if (problems.length) throw badInput(problems);
  const { asOf, minimumBalance } = input;
  const cycle = asOf.slice(0, 7);
  const meta = { cycle, asOf, dueDate: addDays(asOf, input.dueInDays), createdBy: userId };
  const candidates = await repo.findStatementCandidates(db, practiceId, asOf, cycle, minimumBalance);
  let generated = 0;
  let balanceDue = 0;
  for (let i = 0; i < candidates.length; i += BATCH) {
    await db.transaction(async (tx) => {
      // Postings lock the patient too: an entry committed before this point is read below, a later one waits.
      const locked = await repo.lockStatementPatients(tx, practiceId, candidates.slice(i, i + BATCH));
      const [entries, latest, plans] = await Promise.all([
        repo.findStatementEntries(tx, practiceId, locked, asOf), repo.findLatestStatements(tx, practiceId, locked), findPlansForStatements(tx, practiceId, locked, asOf),
      ]);
      const previous = new Map(latest.map((s) => [s.patientId, s]));
      const planOf = new Map(plans.map((p) => [p.patientId, p]));
      const byPatient = new Map<string, typeof entries>();
      for (const e of entries) {
        const list = byPatient.get(e.patientId);
        if (list) list.push(e);
        else byPatient.set(e.patientId, [e]);
      }
      const drafts: repo.NewStatement[] = [];
      for (const patientId of locked) {
        const last = previous.get(patientId);
        if (last && last.cycle >= cycle) continue; // another run made it meanwhile
        const draft = draftStatement(patientId, byPatient.get(patientId) ?? [], asOf, minimumBalance);
        const plan = planOf.get(patientId);
        if (draft) drafts.push({ ...draft, id: randomUUID(), previousStatementId: last?.id ?? null, paymentPlan: plan ? statementPlan(plan, asOf, meta.dueDate) : null });
      }
      const inserted = await repo.insertStatements(tx, practiceId, meta, drafts);
      const made = drafts.filter((d) => inserted.has(d.id));
      await audit.writeAll(tx, 'CREATE', made.map((d) => ({ entityType: 'PatientStatement', entityId: d.id, patientId: d.patientId })));
      generated += made.length;
      balanceDue += made.reduce((sum, d) => sum + d.balanceDueCents, 0);
    });
  }
  return { cycle, generated, balanceDue };
}

/**
 * One statement of the caller's practice (audited read).
 * @throws NOT_FOUND (also for another practice's statement)
 */
export async function findStatement(db: Db, practiceId: string, audit: AuditTrail, id: string): Promise<PatientStatement> {
  const [row] = await repo.findStatementsByIds(db, practiceId, [id]);
  if (!row) throw notFound('PatientStatement', id);
  audit.read('PatientStatement', row.id, row.patientId);
  return toStatement(row);
}

function cursorKey(raw: unknown[] | null, path: string): repo.StatementKey | null {
  if (raw === null) return null;
  const [date, id] = raw;
  if (raw.length === 2 && typeof date === 'string' && isValidLocalDate(date) && typeof id === 'string' && isUuid(id)) return [date, id];
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * One page of the practice's statements, newest statement date first (page + count: fixed statements;
 * lines through one batched loader). Every statement read is audited.
 * @throws BAD_USER_INPUT for paging arguments, a forged cursor, a malformed patient id or a reversed range
 */
export async function statementPage(db: Db, practiceId: string, audit: AuditTrail, args: StatementsArgs, wantCount: boolean): Promise<ConnectionShape<PatientStatement>> {
  const page = pageRequest(args);
  const cursor = cursorKey(page.cursor, page.forward ? 'after' : 'before');
  const f = args.filter ?? {};
  if (f.patientId != null && !isUuid(f.patientId)) throw badInput([{ path: 'filter.patientId', message: 'is not an id issued by this API' }]);
  if (f.from && f.to && f.from > f.to) throw badInput([{ path: 'filter.to', message: 'must not be before filter.from' }]);
  const [rows, total] = await Promise.all([repo.listStatements(db, practiceId, f, page.limit, cursor, page.forward), wantCount ? repo.countStatements(db, practiceId, f) : Promise.resolve(null)]);
  return toConnection(rows, page, repo.statementKeyOf, (r) => {
    audit.read('PatientStatement', r.id, r.patientId);
    return toStatement(r);
  }, total);
}
