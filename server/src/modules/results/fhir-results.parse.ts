import type { Bundle, CodeableConcept, DiagnosticReport, Observation, Patient, Reference, Resource } from '@medplum/fhirtypes';
import { fhirProblems } from '../fhir/fhir-validator.js';
import { interpretFlag, LabMessageError, type ObservationStatus, type ParsedLabMessage, type ParsedObservation, type ParsedReport, type ReportStatus, type SentPatient } from './lab-message.js';

const LOINC = 'http://loinc.org';
const REPORT_STATUS: Partial<Record<string, ReportStatus>> = { registered: 'PRELIMINARY', partial: 'PRELIMINARY', preliminary: 'PRELIMINARY', final: 'FINAL', appended: 'FINAL', amended: 'CORRECTED', corrected: 'CORRECTED' };
const OBS_STATUS: Partial<Record<string, ObservationStatus>> = { registered: 'PENDING', preliminary: 'PRELIMINARY', final: 'FINAL', amended: 'CORRECTED', corrected: 'CORRECTED', cancelled: 'CANCELLED', 'entered-in-error': 'ENTERED_IN_ERROR' };

const codeOf = (c: CodeableConcept | undefined) => {
  const coding = c?.coding?.find((x) => x.system === LOINC) ?? c?.coding?.[0];
  return { code: coding?.code ?? null, codeSystem: coding?.system === LOINC ? 'LN' : (coding?.system ?? null), display: c?.text ?? coding?.display ?? null };
};

function instant(value: string | undefined, path: string): Date | null {
  if (!value) return null;
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new LabMessageError(path, 'is not a valid date/time');
  return d;
}

function observationValue(o: Observation): { valueType: string | null; value: string | null; units: string | null } {
  if (o.valueQuantity) return { valueType: 'Quantity', value: `${o.valueQuantity.comparator ?? ''}${o.valueQuantity.value ?? ''}` || null, units: o.valueQuantity.unit ?? o.valueQuantity.code ?? null };
  if (o.valueCodeableConcept) return { valueType: 'CodeableConcept', value: codeOf(o.valueCodeableConcept).display ?? codeOf(o.valueCodeableConcept).code, units: null };
  if (o.valueString !== undefined) return { valueType: 'string', value: o.valueString, units: null };
  if (o.valueInteger !== undefined) return { valueType: 'integer', value: String(o.valueInteger), units: null };
  if (o.valueBoolean !== undefined) return { valueType: 'boolean', value: String(o.valueBoolean), units: null };
  return { valueType: null, value: null, units: null };
}

function range(o: Observation): string | null {
  const r = o.referenceRange?.[0];
  if (!r) return null;
  if (r.text) return r.text;
  const unit = r.low?.unit ?? r.high?.unit;
  const text = r.low?.value !== undefined && r.high?.value !== undefined ? `${r.low.value}-${r.high.value}` : r.low?.value !== undefined ? `>=${r.low.value}` : r.high?.value !== undefined ? `<=${r.high.value}` : null;
  return text && unit ? `${text} ${unit}` : text;
}

/**
 * Reads a FHIR R4 Bundle of DiagnosticReports with their Observations (and the Patient they are about)
 * after validating every resource against the R4 StructureDefinitions.
 * - Control id: Bundle.identifier.value (else Bundle.id); sender: Bundle.identifier.system (else meta.source).
 * - Report: code (LOINC preferred), status, effective/issued, identifier (filler), basedOn (placer: an
 *   identifier value or a ServiceRequest/<id> reference); each `result` must resolve to an Observation entry.
 * - Patient: the `subject` entry's MR identifier (else the first), first name and birthDate.
 * @throws LabMessageError naming the element (`Bundle.entry[2].resource.status`)
 */
export function parseFhirResults(body: unknown): ParsedLabMessage {
  if (typeof body !== 'object' || body === null || (body as Resource).resourceType !== 'Bundle') throw new LabMessageError('resourceType', 'must be Bundle', 'AR');
  const bundle = body as Bundle;
  const problems = fhirProblems(bundle);
  if (problems.length > 0) throw new LabMessageError(problems[0]!.path, problems[0]!.message, 'AE', problems.slice(1).map((x) => ({ location: x.path, problem: x.message })));
  const controlId = bundle.identifier?.value ?? bundle.id;
  if (!controlId) throw new LabMessageError('Bundle.identifier', 'is required (or Bundle.id): it identifies the message for acknowledgment and de-duplication', 'AR');
  const sendingFacility = bundle.identifier?.system ?? bundle.meta?.source ?? 'fhir';

  const entries = bundle.entry ?? [];
  const find = (ref: Reference | undefined, type: string): { resource: Resource; index: number } | null => {
    const r = ref?.reference;
    if (!r) return null;
    const index = entries.findIndex((e) => e.fullUrl === r || (e.resource?.resourceType === type && `${type}/${e.resource.id}` === r));
    return index >= 0 && entries[index]!.resource?.resourceType === type ? { resource: entries[index]!.resource!, index } : null;
  };

  const reports: ParsedReport[] = [];
  entries.forEach((entry, i) => {
    if (entry.resource?.resourceType !== 'DiagnosticReport') return;
    const at = `Bundle.entry[${i}].resource`;
    const dr = entry.resource as DiagnosticReport;
    const status = REPORT_STATUS[dr.status];
    if (!status) throw new LabMessageError(`${at}.status`, 'must be registered, partial, preliminary, final, appended, amended or corrected');
    const code = codeOf(dr.code);
    if (!code.code) throw new LabMessageError(`${at}.code`, 'needs a coding with a code');
    const subject = find(dr.subject, 'Patient');
    if (!subject) throw new LabMessageError(`${at}.subject`, 'must reference a Patient entry of the bundle');
    const p = subject.resource as Patient;
    const mr = p.identifier?.find((x) => x.type?.coding?.some((c) => c.code === 'MR')) ?? p.identifier?.[0];
    const patient: SentPatient = { mrn: mr?.value ?? null, familyName: p.name?.[0]?.family ?? null, givenName: p.name?.[0]?.given?.[0] ?? null, dateOfBirth: p.birthDate?.length === 10 ? p.birthDate : null };
    if (!patient.mrn && !(patient.familyName && patient.dateOfBirth)) throw new LabMessageError(`Bundle.entry[${subject.index}].resource.identifier`, 'is required, or a name and birthDate');
    const observations: ParsedObservation[] = (dr.result ?? []).map((ref, j) => {
      const found = find(ref, 'Observation');
      if (!found) throw new LabMessageError(`${at}.result[${j}]`, 'must reference an Observation entry of the bundle');
      const o = found.resource as Observation;
      const oat = `Bundle.entry[${found.index}].resource`;
      const oc = codeOf(o.code);
      if (!oc.code) throw new LabMessageError(`${oat}.code`, 'needs a coding with a code');
      const flag = o.interpretation?.[0]?.coding?.[0]?.code ?? null;
      const interpretation = interpretFlag(flag);
      if (!interpretation) throw new LabMessageError(`${oat}.interpretation`, 'is not an ObservationInterpretation code');
      const obsStatus = OBS_STATUS[o.status];
      if (!obsStatus) throw new LabMessageError(`${oat}.status`, 'is not a status we accept for a result');
      return { code: oc.code, codeSystem: oc.codeSystem, display: oc.display, ...observationValue(o), referenceRange: range(o), abnormalFlag: flag, interpretation, status: obsStatus, observedAt: instant(o.effectiveDateTime ?? o.issued, `${oat}.effectiveDateTime`) };
    });
    const placerId = dr.basedOn?.[0];
    const placer = placerId?.identifier?.value ?? (placerId?.reference?.startsWith('ServiceRequest/') ? placerId.reference.slice('ServiceRequest/'.length) : null);
    reports.push({ patient, placerOrderNumber: placer, fillerOrderNumber: dr.identifier?.[0]?.value ?? null, ...code, code: code.code, status, effectiveAt: instant(dr.effectiveDateTime, `${at}.effectiveDateTime`), issuedAt: instant(dr.issued, `${at}.issued`), orderingProviderNpi: null, observations });
  });
  if (reports.length === 0) throw new LabMessageError('Bundle.entry', 'has no DiagnosticReport');
  return { format: 'FHIR', sendingFacility, controlId, reports };
}
