import type { OrderHistoryRow, OrderRow } from './order.repo.js';
import type { Order, OrderHistoryEntry, OrderKind, OrderPriority, OrderStatus } from './order.type.js';

export function toOrder(r: OrderRow): Order {
  return {
    id: r.id,
    patientId: r.patientId,
    orderingProviderId: r.orderingProviderId,
    kind: r.kind as OrderKind,
    diagnosisCodes: r.diagnosisCodes,
    codes: r.codes,
    instructions: r.instructions,
    priority: r.priority as OrderPriority,
    dueDate: r.dueDate,
    overdue: Boolean(r.overdue),
    performingOrganization: r.performingOrganization,
    status: r.status as OrderStatus,
    scheduledFor: r.scheduledFor,
    appointmentId: r.appointmentId,
    collectedOrPerformedAt: r.collectedOrPerformedAt,
    resultedAt: r.resultedAt,
    resultReference: r.resultReference,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt,
    cancelReason: r.cancelReason,
    orderedBy: r.orderedBy,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toOrderHistoryEntry(r: OrderHistoryRow): OrderHistoryEntry {
  return { fromStatus: r.fromStatus as OrderStatus | null, toStatus: r.toStatus as OrderStatus, note: r.note, byUserId: r.byUserId, at: r.at };
}
