import { type ImportProblem, type ImportTarget, parseCount } from '../imports/import-target.js';
import { inputRuleProblems } from '../imports/input-rules.js';
import { CreateAppointmentTypeInput } from './appointment-type.inputs.js';
import { findUsedAppointmentTypeNames, insertAppointmentTypes } from './appointment-type.repo.js';
import { AllowedModality } from './appointment-type.type.js';

export interface AppointmentTypeRowValue {
  input: CreateAppointmentTypeInput;
}

const COLUMN_OF: Record<string, string> = {
  name: 'name',
  durationMinutes: 'duration_minutes',
  modality: 'modality',
  bufferBeforeMinutes: 'buffer_before_minutes',
  bufferAfterMinutes: 'buffer_after_minutes',
  minNoticeMinutes: 'min_notice_minutes',
  maxAdvanceDays: 'max_advance_days',
  color: 'color',
  serviceTypeCode: 'service_type_code',
};
const COLUMN_ORDER = Object.values(COLUMN_OF);
const MODALITIES = Object.values(AllowedModality) as string[];
/** The mutation's defaults for an empty optional cell. */
const DEFAULTS: Record<string, number> = { buffer_before_minutes: 0, buffer_after_minutes: 0, min_notice_minutes: 0, max_advance_days: 180 };

/**
 * Appointment types from CSV: name, duration_minutes, modality (IN_PERSON, TELEHEALTH, BOTH),
 * buffer_before_minutes, buffer_after_minutes, min_notice_minutes, max_advance_days, color (#RRGGBB),
 * service_type_code (X12, default 98). Each row meets `createAppointmentType`'s rules (its input class, the
 * mutation's defaults); a name already used in the practice or twice in the file is a problem.
 */
export const appointmentTypesImport = (): ImportTarget<AppointmentTypeRowValue> => ({
  name: 'APPOINTMENT_TYPES',
  columns: [
    { name: 'name', required: true },
    { name: 'duration_minutes', required: true },
    { name: 'modality', required: true },
    { name: 'buffer_before_minutes', required: false },
    { name: 'buffer_after_minutes', required: false },
    { name: 'min_notice_minutes', required: false },
    { name: 'max_advance_days', required: false },
    { name: 'color', required: false },
    { name: 'service_type_code', required: false },
  ],
  keyColumn: 'name',
  parse(c, line) {
    const problems: ImportProblem[] = [];
    const cell = (column: string) => (c[column] ?? '').trim();
    const whole = (column: string) => {
      const text = cell(column);
      if (text === '' && column in DEFAULTS) return DEFAULTS[column]!;
      const n = parseCount(text, 1_000_000);
      if (n === null) problems.push({ line, column, message: 'must be a whole number' });
      return n ?? 0;
    };
    const modality = cell('modality').toUpperCase().replace(/[\s-]+/g, '_');
    if (!MODALITIES.includes(modality)) problems.push({ line, column: 'modality', message: `must be one of ${MODALITIES.join(', ')}` });
    const plain = {
      name: cell('name'),
      durationMinutes: whole('duration_minutes'),
      modality,
      bufferBeforeMinutes: whole('buffer_before_minutes'),
      bufferAfterMinutes: whole('buffer_after_minutes'),
      minNoticeMinutes: whole('min_notice_minutes'),
      maxAdvanceDays: whole('max_advance_days'),
      color: cell('color') || null,
      serviceTypeCode: cell('service_type_code').toUpperCase() || '98',
    };
    const input = Object.assign(new CreateAppointmentTypeInput(), plain, { modality: modality as AllowedModality });
    for (const p of inputRuleProblems(plain, input)) {
      const column = COLUMN_OF[p.path] ?? null;
      // A cell that is not a number already has its problem; its placeholder 0 is not judged again.
      if (!problems.some((x) => x.column === column)) problems.push({ line, column, message: p.message });
    }
    if (problems.length) return { value: null, problems: problems.sort((a, b) => COLUMN_ORDER.indexOf(a.column ?? '') - COLUMN_ORDER.indexOf(b.column ?? '')) };
    return { value: { input }, problems };
  },
  key: (v) => v.input.name,
  async check(db, practiceId, batch) {
    const taken = await findUsedAppointmentTypeNames(
      db,
      practiceId,
      batch.map((r) => r.value.input.name),
    );
    return batch.filter((r) => taken.has(r.value.input.name)).map((r) => ({ line: r.line, column: 'name', message: 'is already the name of an appointment type of the practice' }));
  },
  async write(tx, principal, audit, batch) {
    const ids = await insertAppointmentTypes(
      tx,
      principal.practiceId,
      batch.map(({ value: { input } }) => ({ ...input, color: input.color ?? null })),
    );
    await audit.writeAll(
      tx,
      'CREATE',
      ids.map((id) => ({ entityType: 'AppointmentType', entityId: id, patientId: null })),
    );
  },
});
