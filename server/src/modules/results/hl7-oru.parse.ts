import type { Hl7Field, Hl7Message, Hl7Segment } from '@medplum/core';
import { lazyRequire } from '../../lib/lazy-require.js';
import { interpretFlag, LabMessageError, type ObservationStatus, type ParsedLabMessage, type ParsedObservation, type ParsedReport, type ReportStatus, type SentPatient } from './lab-message.js';

/** OBX-2 value types that carry a document or a link rather than a result value. */
const ATTACHMENT_TYPES = new Set(['ED', 'RP']);

const VERSIONS = new Set(['2.3', '2.3.1', '2.4', '2.5', '2.5.1']);

/** OBX-11 (HL7 table 0085) → our observation status. */
const OBX_STATUS: Record<string, ObservationStatus> = {
  F: 'FINAL', U: 'FINAL', C: 'CORRECTED', P: 'PRELIMINARY', R: 'PRELIMINARY', S: 'PRELIMINARY', I: 'PENDING', O: 'PENDING', X: 'CANCELLED', N: 'CANCELLED', D: 'ENTERED_IN_ERROR', W: 'ENTERED_IN_ERROR',
};
/** OBR-25 (HL7 table 0123) values we accept. */
const OBR_STATUS = new Set(['O', 'I', 'S', 'A', 'P', 'C', 'R', 'F', 'X', 'Y', 'Z']);

/** Normalizes segment separators (CR, LF, CRLF) to CR and drops a leading byte-order mark. */
export function normalizeHl7(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n|\n|\r/g, '\r').replace(/\r+$/, '');
}

/** HL7 escape sequences in text fields (\F\ \S\ \T\ \R\ \E\), with the default delimiters. */
function hl7Unescape(s: string): string {
  return s.replace(/\\([FSTRE])\\/g, (_m, c: string) => ({ F: '|', S: '^', T: '&', R: '~', E: '\\' })[c] ?? '');
}

/** Medplum's HL7 v2 reader loads with the first lab message, not at start-up. */
const medplumCore = lazyRequire<typeof import('@medplum/core')>('@medplum/core');
let empty: Hl7Field | undefined;

/** Field `i` of a segment (an empty field past its end). */
function fieldOf(seg: Hl7Segment, i: number): Hl7Field {
  const field = seg.getField(i);
  if (field) return field;
  empty ??= new (medplumCore().Hl7Field)([['']]);
  return empty;
}

const text = (s: string | undefined) => (s ? hl7Unescape(s).trim() || null : null);

/**
 * An HL7 DTM/TS (YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]) as an instant; without an offset it is read as UTC.
 * @throws LabMessageError naming `where` when malformed
 */
export function hl7Instant(raw: string, where: string): Date | null {
  if (!raw) return null;
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d{1,4})?([+-]\d{4})?$/.exec(raw);
  if (!m) throw new LabMessageError(where, 'is not an HL7 date/time (YYYYMMDD[HHMM[SS]][+/-ZZZZ])');
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz] = m;
  const offset = tz ? `${tz.slice(0, 3)}:${tz.slice(3)}` : 'Z';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw new LabMessageError(where, 'is not a valid date/time');
  return date;
}

function hl7Date(raw: string, where: string): string | null {
  if (!raw) return null;
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(raw);
  if (!m) throw new LabMessageError(where, 'is not an HL7 date (YYYYMMDD)');
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) throw new LabMessageError(where, 'is not a valid calendar date');
  return iso;
}

/** The first identifier of a CX/EI/XCN list: component 1 of the first repetition. */
const first = (f: Hl7Field) => text(f.getComponent(1));

/** PID-3's MRN (the repetition typed MR, else the first), name (PID-5) and DOB (PID-7). */
function readPatient(pid: Hl7Segment, n: number): SentPatient {
  const ids = fieldOf(pid, 3);
  let mrn: string | null = null;
  for (let r = 0; r < ids.components.length; r++) {
    if (ids.getComponent(5, undefined, r) === 'MR') mrn = text(ids.getComponent(1, undefined, r));
  }
  mrn ??= first(ids);
  const name = fieldOf(pid, 5);
  const patient = { mrn, familyName: text(name.getComponent(1)), givenName: text(name.getComponent(2)), dateOfBirth: hl7Date(fieldOf(pid, 7).getComponent(1), `PID[${n}]-7`) };
  if (!patient.mrn && !(patient.familyName && patient.dateOfBirth)) throw new LabMessageError(`PID[${n}]-3`, 'has no patient identifier, and PID-5/PID-7 (name and birth date) are incomplete');
  return patient;
}

/** A result value as text: coded values by their text, structured numerics (SN) joined, repetitions by "; ". */
function readValue(type: string | null, f: Hl7Field): string | null {
  const reps = f.components.map((_, r) => {
    const c = (i: number) => hl7Unescape(f.getComponent(i, undefined, r));
    if (type === 'CWE' || type === 'CE' || type === 'CNE') return (c(2) || c(9) || c(1)).trim();
    if (type === 'SN') return `${c(1)}${c(2)}${c(3)}${c(4)}`.trim();
    return f.components[r]!.map((_x, i) => c(i + 1)).filter(Boolean).join(' ').trim();
  });
  return reps.filter(Boolean).join('; ') || null;
}

function readObservation(obx: Hl7Segment, n: number): ParsedObservation {
  const where = (f: number) => `OBX[${n}]-${f}`;
  const id = fieldOf(obx, 3);
  const code = text(id.getComponent(1));
  if (!code) throw new LabMessageError(where(3), 'has no observation identifier (code)');
  const valueType = text(fieldOf(obx, 2).getComponent(1));
  const flag = text(fieldOf(obx, 8).getComponent(1));
  const interpretation = interpretFlag(flag);
  if (!interpretation) throw new LabMessageError(where(8), 'is not an abnormal flag of HL7 table 0078');
  const rawStatus = text(fieldOf(obx, 11).getComponent(1));
  if (!rawStatus) throw new LabMessageError(where(11), 'is required (observation result status)');
  const status = OBX_STATUS[rawStatus];
  if (!status) throw new LabMessageError(where(11), 'is not a result status of HL7 table 0085');
  return {
    code,
    codeSystem: text(id.getComponent(3)),
    display: text(id.getComponent(2)) ?? text(id.getComponent(9)),
    valueType,
    value: readValue(valueType, fieldOf(obx, 5)),
    units: text(fieldOf(obx, 6).getComponent(1)),
    referenceRange: text(fieldOf(obx, 7).getComponent(1)),
    abnormalFlag: flag,
    interpretation,
    status,
    observedAt: hl7Instant(fieldOf(obx, 14).getComponent(1), where(14)),
  };
}

function reportStatus(obr: Hl7Segment, n: number, observations: ParsedObservation[]): ReportStatus {
  const raw = text(fieldOf(obr, 25).getComponent(1));
  if (raw && !OBR_STATUS.has(raw)) throw new LabMessageError(`OBR[${n}]-25`, 'is not a result status of HL7 table 0123');
  if (raw === 'C' || observations.some((o) => o.status === 'CORRECTED')) return 'CORRECTED';
  if (raw === 'F' || (!raw && observations.length > 0 && observations.every((o) => o.status === 'FINAL'))) return 'FINAL';
  return 'PRELIMINARY';
}

/**
 * Reads an HL7 v2 ORU^R01 (versions 2.3 to 2.5.1) with Medplum's HL7 v2 parser and checks what we rely on:
 * MSH-9 (ORU^R01), MSH-10, MSH-12, a PID before each order group, OBR-4, OBX-3/8/11 and the date/times.
 * An OBX before any OBR of its patient (seen in public-health samples) belongs to the next OBR; OBX segments
 * of type ED/RP (embedded documents, links) are attachments kept only in the raw message.
 * @throws LabMessageError naming the segment occurrence and field (`OBX[3]-11`); AR for header problems
 */
export function parseOru(raw: string): { message: Hl7Message; parsed: ParsedLabMessage } {
  const normalized = normalizeHl7(raw);
  if (!normalized.startsWith('MSH|')) throw new LabMessageError('MSH', 'must be the first segment', 'AR');
  const message = medplumCore().Hl7Message.parse(normalized);
  const msh = message.header;
  const type = fieldOf(msh, 9);
  if (type.getComponent(1) !== 'ORU' || type.getComponent(2) !== 'R01') throw new LabMessageError('MSH-9', 'must be ORU^R01', 'AR');
  const controlId = text(fieldOf(msh, 10).getComponent(1));
  if (!controlId) throw new LabMessageError('MSH-10', 'is required (message control id)', 'AR');
  const version = fieldOf(msh, 12).getComponent(1);
  if (!VERSIONS.has(version)) throw new LabMessageError('MSH-12', 'must be an HL7 version from 2.3 to 2.5.1', 'AR');
  const sendingFacility = [fieldOf(msh, 4).getComponent(1), fieldOf(msh, 3).getComponent(1)].map((s) => s.trim()).filter(Boolean).join('/') || 'unknown';

  const reports: ParsedReport[] = [];
  const count: Record<string, number> = {};
  let patient: SentPatient | null = null;
  let orc: Hl7Segment | null = null;
  let pendingObx: ParsedObservation[] = [];
  let current: ParsedReport | null = null;
  let currentObr: { seg: Hl7Segment; n: number } | null = null;
  const close = () => {
    if (current && currentObr) current.status = reportStatus(currentObr.seg, currentObr.n, current.observations);
  };
  for (const seg of message.segments.slice(1)) {
    const n = (count[seg.name] ?? 0) + 1;
    count[seg.name] = n;
    if (seg.name === 'PID') {
      close();
      patient = readPatient(seg, n);
      current = null;
      currentObr = null;
      orc = null;
      pendingObx = [];
    } else if (seg.name === 'ORC') {
      orc = seg;
    } else if (seg.name === 'OBR') {
      close();
      if (!patient) throw new LabMessageError(`OBR[${n}]`, 'comes before any PID segment');
      const code = fieldOf(seg, 4);
      if (!text(code.getComponent(1))) throw new LabMessageError(`OBR[${n}]-4`, 'has no universal service identifier (code)');
      const provider = fieldOf(seg, 16).getComponent(1) ? fieldOf(seg, 16) : (orc ? fieldOf(orc, 12) : null);
      current = {
        patient,
        placerOrderNumber: first(fieldOf(seg, 2)) ?? (orc ? first(fieldOf(orc, 2)) : null),
        fillerOrderNumber: first(fieldOf(seg, 3)) ?? (orc ? first(fieldOf(orc, 3)) : null),
        code: text(code.getComponent(1))!,
        codeSystem: text(code.getComponent(3)),
        display: text(code.getComponent(2)) ?? text(code.getComponent(9)),
        status: 'PRELIMINARY',
        effectiveAt: hl7Instant(fieldOf(seg, 7).getComponent(1), `OBR[${n}]-7`),
        issuedAt: hl7Instant(fieldOf(seg, 22).getComponent(1), `OBR[${n}]-22`),
        orderingProviderNpi: provider && /^\d{10}$/.test(provider.getComponent(1)) ? provider.getComponent(1) : null,
        observations: pendingObx,
      };
      currentObr = { seg, n };
      pendingObx = [];
      reports.push(current);
    } else if (seg.name === 'OBX') {
      // Encapsulated data and reference pointers (ED, RP) are attachments, not results: they stay in the stored raw message.
      if (ATTACHMENT_TYPES.has(fieldOf(seg, 2).getComponent(1))) continue;
      const obs = readObservation(seg, n);
      if (current) current.observations.push(obs);
      else if (patient) pendingObx.push(obs);
      else throw new LabMessageError(`OBX[${n}]`, 'comes before any PID segment');
    }
  }
  close();
  if (reports.length === 0) throw new LabMessageError('OBR', 'is required: the message has no order (OBR) segment');
  if (pendingObx.length > 0) throw new LabMessageError(`OBX[${count.OBX}]`, 'is not under any OBR segment');
  return { message, parsed: { format: 'HL7V2', sendingFacility, controlId, reports } };
}
