import type { Db } from '../../db/client.js';
import type { LabResultRow } from '../../db/schema/results.js';
import type { Principal } from '../../graphql/auth.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { advanceOrdersForResults } from '../orders/order-result.repo.js';
import { findOrdersByIds } from '../orders/order.repo.js';
import { findLikelyDuplicates } from '../patients/patient.repo.js';
import { closeLoopTasksOf } from '../tasks/loop-tasks.js';
import { ensureTasks } from '../tasks/task-create.js';
import { worstInterpretation, type ParsedLabMessage, type ParsedReport, type SentPatient } from './lab-message.js';
import * as repo from './result.repo.js';
import { resultTaskSpecs } from './result-tasks.js';

export interface ReceivedLabMessage {
  messageId: string;
  /** True when this sender's control id was stored before: nothing new was stored. */
  duplicate: boolean;
  results: LabResultRow[];
}

const patientKey = (p: SentPatient) => `${p.mrn ?? ''}|${p.familyName ?? ''}|${p.givenName ?? ''}|${p.dateOfBirth ?? ''}`;

/**
 * Matches each sent patient: by MRN first, else by name and date of birth with the registration duplicate
 * rule (same DOB, similar name) when exactly one patient qualifies. Anything else stays unmatched (queue).
 */
async function matchPatients(db: Db, practiceId: string, reports: readonly ParsedReport[]): Promise<Map<string, { id: string; by: 'MRN' | 'NAME_DOB' }>> {
  const sent = new Map(reports.map((r) => [patientKey(r.patient), r.patient]));
  const byMrn = new Map((await repo.findPatientsByMrns(db, practiceId, [...new Set([...sent.values()].flatMap((p) => (p.mrn ? [p.mrn] : [])))])).map((p) => [p.mrn, p.id]));
  const out = new Map<string, { id: string; by: 'MRN' | 'NAME_DOB' }>();
  for (const [key, p] of sent) {
    const id = p.mrn ? byMrn.get(p.mrn) : undefined;
    if (id) {
      out.set(key, { id, by: 'MRN' });
      continue;
    }
    if (!p.dateOfBirth || !p.familyName) continue;
    const candidates = await findLikelyDuplicates(db, practiceId, `${p.givenName ?? ''} ${p.familyName}`.trim(), p.dateOfBirth);
    if (candidates.length === 1) out.set(key, { id: candidates[0]!.id, by: 'NAME_DOB' });
  }
  return out;
}

/**
 * Stores a parsed lab message once (per sender and control id) with its reports and observations:
 * matches the patient, the order (placer order number = our order id) and the ordering provider (the
 * order's, else the NPI the lab sent); a corrected report becomes a new version of the same report (the old
 * version's review task is cancelled, the new one gets its own); the
 * orders move to RESULTED; abnormal and critical results of matched patients get a review task for the
 * clinicians at once. A message seen before stores nothing and returns what it stored the first time.
 * Audited as CREATE of each LabResult.
 */
export async function storeLabMessage(db: Db, principal: Principal, audit: AuditTrail, parsed: ParsedLabMessage, raw: string): Promise<ReceivedLabMessage> {
  const p = principal.practiceId;
  const seen = await repo.findMessage(db, p, parsed.sendingFacility, parsed.controlId);
  if (seen) return { messageId: seen.id, duplicate: true, results: await repo.findResultsByIds(db, p, seen.resultIds) };

  const patientsByKey = await matchPatients(db, p, parsed.reports);
  const orderIds = [...new Set(parsed.reports.flatMap((r) => (r.placerOrderNumber && isUuid(r.placerOrderNumber) ? [r.placerOrderNumber] : [])))];
  const orders = new Map((await findOrdersByIds(db, p, orderIds)).map((o) => [o.id, o]));
  const npis = [...new Set(parsed.reports.flatMap((r) => (r.orderingProviderNpi ? [r.orderingProviderNpi] : [])))];
  const providers = new Map((await repo.findProvidersByNpis(db, p, npis)).map((x) => [x.npi, x.id]));

  const outcome = await db.transaction(async (tx) => {
    const messageId = await repo.insertMessage(tx, p, { format: parsed.format, sendingFacility: parsed.sendingFacility, controlId: parsed.controlId, raw, receivedBy: principal.userId });
    if (!messageId) return null;
    const keyOf = (r: ParsedReport) => `${parsed.sendingFacility}|${r.fillerOrderNumber ?? r.placerOrderNumber ?? ''}|${r.code}`;
    const previous = new Map((await repo.lockCurrentByReportKeys(tx, p, parsed.reports.map(keyOf))).map((r) => [r.reportKey, r]));
    const rows = parsed.reports.map((r) => {
      const matched = patientsByKey.get(patientKey(r.patient));
      const candidate = r.placerOrderNumber ? orders.get(r.placerOrderNumber) : undefined;
      // An order is ours to answer only for the same patient.
      const order = candidate && (!matched || candidate.patientId === matched.id) ? candidate : undefined;
      const prev = previous.get(keyOf(r));
      return {
        messageId,
        patientId: matched?.id ?? prev?.patientId ?? null,
        orderId: order?.id ?? prev?.orderId ?? null,
        orderingProviderId: order?.orderingProviderId ?? (r.orderingProviderNpi ? providers.get(r.orderingProviderNpi) : undefined) ?? prev?.orderingProviderId ?? null,
        reportKey: keyOf(r),
        placerOrderNumber: r.placerOrderNumber,
        fillerOrderNumber: r.fillerOrderNumber,
        code: r.code,
        codeSystem: r.codeSystem,
        display: r.display,
        status: r.status,
        revision: (prev?.revision ?? 0) + 1,
        supersedesId: prev?.id ?? null,
        effectiveAt: r.effectiveAt,
        issuedAt: r.issuedAt,
        interpretation: worstInterpretation(r.observations),
        sentPatient: r.patient,
        matchedBy: matched?.by ?? (prev?.patientId ? prev.matchedBy : null),
        matchedAt: matched || prev?.patientId ? new Date() : null,
      };
    });
    await repo.markSuperseded(tx, p, [...previous.values()].map((r) => r.id));
    const stored = await repo.insertResults(tx, p, rows);
    await repo.insertObservations(
      tx,
      p,
      stored.flatMap((row, i) => parsed.reports[i]!.observations.map((o, position) => ({ ...o, resultId: row.id, position }))),
    );
    const byOrder = stored.filter((r) => r.orderId);
    const moved = await advanceOrdersForResults(tx, p, [...new Set(byOrder.map((r) => r.orderId!))], ['ORDERED', 'SCHEDULED', 'COLLECTED', 'PERFORMED'], 'RESULTED', principal.userId, 'lab result');
    const closed = await closeLoopTasksOf(tx, p, [...moved.map((o) => ({ kind: 'order' as const, id: o.id, to: 'RESULTED' })), ...[...previous.values()].map((r) => ({ kind: 'result' as const, id: r.id, to: 'SUPERSEDED' }))], principal.userId);
    const { created } = await ensureTasks(tx, p, principal.userId, stored.flatMap(resultTaskSpecs));
    await audit.writeAll(tx, 'CREATE', stored.map((r) => ({ entityType: 'LabResult', entityId: r.id, patientId: r.patientId })));
    return { messageId, stored, created, closed };
  });
  if (!outcome) return storeLabMessage(db, principal, audit, parsed, raw);
  return { messageId: outcome.messageId, duplicate: false, results: outcome.stored };
}
