import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findAboutRecord } from '../tasks/task-about.repo.js';
import { publishTaskChanges } from '../tasks/task-change.publisher.js';
import { insertTaskEvents, insertTasks, type TaskRow } from '../tasks/task.repo.js';
import { TaskAboutType } from '../tasks/task.type.js';
import type { ContactFilter, LogContactInput } from './contact.inputs.js';
import * as repo from './contact.repo.js';
import type { Contact, ContactChannel, ContactDirection } from './contact.type.js';

export function toContact(row: repo.ContactRow): Contact {
  return {
    id: row.id,
    channel: row.channel as ContactChannel,
    direction: row.direction as ContactDirection,
    patientId: row.patientId,
    party: { name: row.partyName, organization: row.partyOrganization, phone: row.partyPhone, fax: row.partyFax },
    topic: row.topic,
    summary: row.summary,
    outcome: row.outcome,
    attachments: row.attachments,
    occurredAt: row.occurredAt,
    loggedBy: row.loggedBy,
    createdAt: row.createdAt,
    version: row.version,
  };
}

const trimmed = (v: string | null | undefined) => v?.trim() || null;

/**
 * Logs a contact and, when asked, a follow-up task about it, in one transaction.
 * @returns the contact and the follow-up task's id (null without one)
 * @throws BAD_USER_INPUT (occurred in the future), NOT_FOUND (patient)
 */
export async function logContact(deps: { db: Db; principal: Principal; audit: AuditTrail; pubsub: PubSub }, input: LogContactInput, now = new Date()): Promise<{ contact: Contact; followUpTaskId: string | null }> {
  const { db, principal, audit, pubsub } = deps;
  const p = principal.practiceId;
  const occurredAt = input.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + 60_000) throw badInput([{ path: 'input.occurredAt', message: 'is in the future' }]);
  if (input.patientId && !(await findAboutRecord(db, p, TaskAboutType.PATIENT, input.patientId))) throw notFound('Patient', input.patientId);
  const party = input.party ?? {};
  const { row, task } = await db.transaction(async (tx) => {
    const r = await repo.insertContact(tx, p, {
      channel: input.channel,
      direction: input.direction,
      patientId: input.patientId ?? null,
      partyName: trimmed(party.name),
      partyOrganization: trimmed(party.organization),
      partyPhone: party.phone ?? null,
      partyFax: party.fax ?? null,
      topic: input.topic.trim(),
      summary: input.summary.trim(),
      outcome: trimmed(input.outcome),
      attachments: (input.attachments ?? []).map((a) => ({ reference: a.reference.trim(), label: a.label.trim() })),
      occurredAt,
      loggedBy: principal.userId,
    });
    await audit.write(tx, 'CREATE', 'Contact', r.id, r.patientId);
    let t: TaskRow | null = null;
    const f = input.followUp;
    if (f) {
      const assigneeUserId = f.assigneeUserId?.trim() || (f.queueRole ? null : principal.userId);
      [t] = await insertTasks(tx, p, [{ title: f.title.trim(), patientId: r.patientId, aboutType: TaskAboutType.CONTACT, aboutId: r.id, assigneeUserId, queueRole: f.queueRole ?? null, priority: f.priority ?? 'NORMAL', dueDate: f.dueDate ?? null, createdBy: principal.userId }] as const) as [TaskRow];
      await insertTaskEvents(tx, p, [{ taskId: t.id, kind: 'CREATED', toStatus: t.status, assigneeUserId: t.assigneeUserId, queueRole: t.queueRole, byUserId: principal.userId }]);
      await audit.write(tx, 'CREATE', 'Task', t.id, t.patientId);
    }
    return { row: r, task: t };
  });
  if (task) await publishTaskChanges(pubsub, p, [{ ...task, kind: 'CREATED' }]);
  return { contact: toContact(row), followUpTaskId: task?.id ?? null };
}

/**
 * One contact; the read is audited.
 * @throws NOT_FOUND (also another practice's)
 */
export async function findContact(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<Contact> {
  const [row] = isUuid(id) ? await repo.findContactsByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('Contact', id);
  audit.read('Contact', row.id, row.patientId);
  return toContact(row);
}

/**
 * The correspondence log, newest first, page and count in parallel; each contact read is audited.
 * @throws BAD_USER_INPUT for a foreign cursor
 */
export async function listContacts(db: Db, principal: Principal, audit: AuditTrail, filter: ContactFilter | null | undefined, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Contact>> {
  const c = page.cursor;
  if (c && !(c.length === 2 && typeof c[0] === 'string' && !Number.isNaN(Date.parse(c[0])) && typeof c[1] === 'string' && isUuid(c[1]))) {
    throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
  }
  const q: repo.ContactQuery = { patientId: filter?.patientId ?? null, channel: filter?.channel ?? null, from: filter?.from ?? null, to: filter?.to ?? null };
  const p = principal.practiceId;
  // The timestamp column's encoder wants a Date, not the cursor's ISO text.
  const cursor = c ? [new Date(c[0] as string), c[1]] : null;
  const [rows, total] = await Promise.all([repo.findContactPage(db, p, q, page.limit, cursor, page.forward), withCount ? repo.countContacts(db, p, q) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => [r.occurredAt.toISOString(), r.id], (r) => {
    audit.read('Contact', r.id, r.patientId);
    return toContact(r);
  }, total);
}
