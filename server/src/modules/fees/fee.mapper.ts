import type { FeeEntryRow, FeeScheduleRow } from './fee.repo.js';
import type { FeeSchedule, FeeScheduleEntry, FeeScheduleKind } from './fee.type.js';

/** Table row → GraphQL object. */
export function toFeeSchedule(row: FeeScheduleRow): FeeSchedule {
  return { id: row.id, name: row.name, kind: row.kind as FeeScheduleKind, payerId: row.payerId, version: row.version };
}

/** Table row → GraphQL object (modifier key → list). */
export function toFeeEntry(row: FeeEntryRow): FeeScheduleEntry {
  return { id: row.id, code: row.code, modifiers: row.modifiers ? row.modifiers.split(',') : [], amount: row.amountCents, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, label: row.label };
}
