import { sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { orders } from '../../db/schema/orders.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, forbidden, notFound, versionConflict } from '../../graphql/errors.js';
import { Role } from '../../graphql/roles.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { normalizeCode, procedureSystem } from '../codes/code.rules.js';
import { findRefs } from '../referrals/referral.repo.js';
import { checkDiagnoses } from '../referrals/referral.service.js';
import { findAboutRecord } from '../tasks/task-about.repo.js';
import { closeLoopTasks } from '../tasks/loop-tasks.js';
import { readPracticeToday } from '../tasks/practice-today.js';
import { TaskAboutType } from '../tasks/task.type.js';
import { canMoveOrder, type OrderKindName, type OrderStatusName } from './order-status.js';
import type { MoveOrderInput, PlaceOrderInput } from './order.inputs.js';
import { toOrder } from './order.mapper.js';
import * as repo from './order.repo.js';
import { type Order, OrderStatus } from './order.type.js';

const LOINC = /^\d{1,7}-\d$/;

/** The LOINC check digit (mod 10 over the digits before the hyphen, doubling from the right). */
export function loincCheckDigitOk(code: string): boolean {
  const [body, check] = code.split('-') as [string, string];
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  });
  return (10 - (sum % 10)) % 10 === Number(check);
}

/** Checks the ordered codes' formats (CPT, HCPCS, or LOINC with its check digit). @returns them normalized @throws BAD_USER_INPUT */
export function checkOrderCodes(codes: readonly string[], path: string): string[] {
  return codes.map((raw, i) => {
    const code = raw.trim().toUpperCase();
    if (LOINC.test(code)) {
      if (!loincCheckDigitOk(code)) throw badInput([{ path: `${path}.${i}`, message: 'has a wrong LOINC check digit' }]);
      return code;
    }
    if (procedureSystem(normalizeCode(code))) return normalizeCode(code);
    throw badInput([{ path: `${path}.${i}`, message: 'is not a CPT, HCPCS or LOINC code' }]);
  });
}

/**
 * Places an order (ORDERED).
 * @throws NOT_FOUND (patient, ordering provider), BAD_USER_INPUT (codes, diagnoses, due date in the past)
 */
export async function placeOrder(db: Db, principal: Principal, audit: AuditTrail, input: PlaceOrderInput): Promise<Order> {
  const p = principal.practiceId;
  const codes = checkOrderCodes(input.codes, 'input.codes');
  const today = await readPracticeToday(db, p);
  if (input.dueDate && input.dueDate < today) throw badInput([{ path: 'input.dueDate', message: 'is in the past' }]);
  if (!(await findAboutRecord(db, p, TaskAboutType.PATIENT, input.patientId))) throw notFound('Patient', input.patientId);
  if (!(await findRefs(db, p, { providerId: input.orderingProviderId })).provider) throw notFound('Provider', input.orderingProviderId);
  const diagnosisCodes = await checkDiagnoses(db, p, input.diagnosisCodes, today, 'input.diagnosisCodes');
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertOrder(tx, p, { patientId: input.patientId, orderingProviderId: input.orderingProviderId, kind: input.kind, diagnosisCodes, codes, instructions: input.instructions?.trim() || null, priority: input.priority, dueDate: input.dueDate ?? null, performingOrganization: input.performingOrganization?.trim() || null, orderedBy: principal.userId });
    await repo.insertOrderHistory(tx, p, { orderId: r.id, fromStatus: null, toStatus: r.status, byUserId: principal.userId });
    await audit.write(tx, 'CREATE', 'Order', r.id, r.patientId);
    return r;
  });
  return toOrder(row);
}

/**
 * Moves an order along its status machine (see MoveOrderInput), recording who and when.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (illegal move, missing time/reason, time in the future), FORBIDDEN (REVIEWED without the CLINICIAN role)
 */
export async function moveOrder(db: Db, principal: Principal, audit: AuditTrail, input: MoveOrderInput, now = new Date()): Promise<Order> {
  const p = principal.practiceId;
  const [before] = isUuid(input.id) ? await repo.findOrdersByIds(db, p, [input.id]) : [];
  if (!before) throw notFound('Order', input.id);
  if (before.version !== input.expectedVersion) throw versionConflict('Order', input.id, input.expectedVersion, before.version);
  const to = input.to;
  if (!canMoveOrder(before.kind as OrderKindName, before.status as OrderStatusName, to)) throw badInput([{ path: 'input.to', message: `cannot move a ${before.kind} order from ${before.status} to ${to}` }]);
  const at = input.at ?? now;
  if (at.getTime() > now.getTime() + 60_000) throw badInput([{ path: 'input.at', message: 'is in the future' }]);
  const note = input.note?.trim() || null;
  const set: PgUpdateSetSource<typeof orders> = { status: to };
  switch (to) {
    case OrderStatus.SCHEDULED: {
      const start = input.appointmentId ? await repo.findAppointmentStart(db, p, before.patientId, input.appointmentId) : null;
      if (input.appointmentId && !start) throw notFound('Appointment', input.appointmentId);
      if (!start && !input.scheduledFor) throw badInput([{ path: 'input.scheduledFor', message: 'give scheduledFor or an appointmentId to schedule' }]);
      set.scheduledFor = input.scheduledFor ?? start;
      set.appointmentId = input.appointmentId ?? before.appointmentId;
      break;
    }
    case OrderStatus.COLLECTED:
    case OrderStatus.PERFORMED:
      set.collectedOrPerformedAt = at;
      break;
    case OrderStatus.RESULTED:
      set.resultedAt = at;
      set.resultReference = input.resultReference?.trim() ?? null;
      break;
    case OrderStatus.REVIEWED:
      if (!principal.roles.includes(Role.CLINICIAN)) throw forbidden('A result is reviewed by a CLINICIAN');
      set.reviewedBy = principal.userId;
      set.reviewedAt = sql`now()`;
      break;
    case OrderStatus.CANCELLED:
      if (!note) throw badInput([{ path: 'input.note', message: 'the reason is required to cancel' }]);
      set.cancelReason = note;
      break;
    default:
      break;
  }
  const row = await db.transaction(async (tx) => {
    const r = await repo.updateOrderIf(tx, p, before.id, input.expectedVersion, before.status, set);
    if (!r) return null;
    await repo.insertOrderHistory(tx, p, { orderId: r.id, fromStatus: before.status, toStatus: to, note, byUserId: principal.userId });
    if (to !== before.status) await closeLoopTasks(tx, p, { kind: 'order', id: r.id, to }, principal.userId);
    await audit.write(tx, 'UPDATE', 'Order', r.id, r.patientId);
    return r;
  });
  if (!row) throw versionConflict('Order', before.id, input.expectedVersion, input.expectedVersion + 1);
  return toOrder(row);
}
