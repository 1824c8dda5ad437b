import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { auditedTreeField, fromTree } from '../../graphql/compile/tree-values.js';
import { notFound } from '../../graphql/errors.js';
import { toLocation } from '../locations/location.mapper.js';
import { Location } from '../locations/location.type.js';
import { toPatient } from '../patients/patient.mapper.js';
import { Patient } from '../patients/patient.type.js';
import { toProvider } from '../providers/provider.mapper.js';
import { Provider } from '../providers/provider.type.js';
import { Appointment } from '../scheduling/appointment.type.js';
import { toDiagnosis, toLine } from './superbill.mapper.js';
import { presentSuperbill } from './superbill-present.js';
import { SUPERBILL_READERS } from './superbill.roles.js';
import { Superbill, SuperbillDiagnosis, SuperbillLine } from './superbill.type.js';

/** Lets Superbill.patient skip type-graphql's pipeline when the tree holds the patient (its rule is still checked). */
export const SUPERBILL_PATIENT_TREE = auditedTreeField('Superbill', 'patient', { entity: 'Patient', idOf: 'patientId' });

/** Nested fields of Superbill, each batched per request (one statement per field for a whole page). */
@Resolver(() => Superbill)
export class SuperbillFieldsResolver {
  @FieldResolver(() => [SuperbillDiagnosis], { description: 'Diagnoses in pointer order (A first).' })
  async diagnoses(@Root() s: Superbill, @Ctx() ctx: Context): Promise<SuperbillDiagnosis[]> {
    return (await ctx.loaders.superbillDiagnoses.load(s.id)).map(toDiagnosis);
  }

  @FieldResolver(() => [SuperbillLine], { description: 'Service lines in order.' })
  async lines(@Root() s: Superbill, @Ctx() ctx: Context): Promise<SuperbillLine[]> {
    return (await ctx.loaders.superbillLines.load(s.id)).map(toLine);
  }

  // A billing partner needs patients:read-demographics too to see who the patient is, as on Query.patient.
  @Authorized(...PATIENT_READERS)
  @FieldResolver(() => Patient, { description: `The patient (audited read). ${accessText(PATIENT_READERS)}` })
  async patient(@Root() s: Superbill, @Ctx() ctx: Context): Promise<Patient> {
    const compiled = fromTree<Patient | null>(s, 'patient');
    if (compiled !== undefined) return SUPERBILL_PATIENT_TREE.present(s, compiled, ctx) as Patient;
    const row = await ctx.loaders.patient.load(s.patientId);
    if (!row) throw notFound('Patient', s.patientId);
    ctx.audit.read('Patient', row.id, row.id);
    return toPatient(row);
  }

  @FieldResolver(() => Provider, { description: 'The rendering provider.' })
  async renderingProvider(@Root() s: Superbill, @Ctx() ctx: Context): Promise<Provider> {
    const row = await ctx.loaders.provider.load(s.renderingProviderId);
    if (!row) throw notFound('Provider', s.renderingProviderId);
    return toProvider(row);
  }

  @FieldResolver(() => Location, { description: 'Where the service was rendered.' })
  async location(@Root() s: Superbill, @Ctx() ctx: Context): Promise<Location> {
    const row = await ctx.loaders.location.load(s.locationId);
    if (!row) throw notFound('Location', s.locationId);
    return toLocation(row);
  }
}

/** Appointment.superbill lives here: the scheduling module knows nothing of billing. */
@Resolver(() => Appointment)
export class AppointmentSuperbillResolver {
  @Authorized(...SUPERBILL_READERS)
  @FieldResolver(() => Superbill, { nullable: true, description: 'The live superbill of this visit (DRAFT or FINALIZED; the correction once one is started); null when none. ' + accessText(SUPERBILL_READERS) })
  async superbill(@Root() a: Appointment, @Ctx() ctx: Context): Promise<Superbill | null> {
    const row = await ctx.loaders.appointmentSuperbill.load(a.id);
    return row ? presentSuperbill(ctx.audit, row) : null;
  }
}

/** Patient.superbills lives here: the patients module knows nothing of billing. */
@Resolver(() => Patient)
export class PatientSuperbillsResolver {
  @Authorized(...SUPERBILL_READERS)
  @FieldResolver(() => [Superbill], { nullable: true, description: 'The patient\'s superbills (any status), newest date of service first, at most 50; use superbills(filter: {patientId}) to page further. ' + accessText(SUPERBILL_READERS) })
  async superbills(@Root() p: Patient, @Ctx() ctx: Context): Promise<Superbill[]> {
    return (await ctx.loaders.patientSuperbills.load(p.id)).map((r) => presentSuperbill(ctx.audit, r));
  }
}
