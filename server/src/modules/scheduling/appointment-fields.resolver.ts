import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS } from '../../graphql/access.js';
import { ROOM_READERS } from '../rooms/room.roles.js';
import type { Context } from '../../graphql/context.js';
import { auditedTreeField, fromTree } from '../../graphql/compile/tree-values.js';
import { notFound } from '../../graphql/errors.js';
import type { PatientRow } from '../patients/patient.mapper.js';
import { toPatient } from '../patients/patient.mapper.js';
import { Patient } from '../patients/patient.type.js';
import { toProvider } from '../providers/provider.mapper.js';
import { Provider } from '../providers/provider.type.js';
import { toRoom } from '../rooms/room.mapper.js';
import { Room } from '../rooms/room.type.js';
import { AppointmentType, toAppointmentType } from './appointment-type.type.js';
import { Appointment } from './appointment.type.js';

function presentPatient(ctx: Context, id: string, row: PatientRow | null | undefined): Patient {
  if (!row) throw notFound('Patient', id);
  ctx.audit.read('Patient', row.id, row.id);
  return toPatient(row);
}

/** Lets Appointment.patient skip type-graphql's pipeline when the tree holds the patient (its rule is still checked). */
export const APPOINTMENT_PATIENT_TREE = auditedTreeField('Appointment', 'patient', { entity: 'Patient', idOf: 'patientId' });

/** Nested fields of Appointment: rows fetched with the root field are used as they are, else loaders batch. */
@Resolver(() => Appointment)
export class AppointmentFieldsResolver {
  @Authorized(PATIENT_READERS)
  @FieldResolver(() => Patient, { description: `The patient (audited read). Same rule as Query.patient: ${accessText(PATIENT_READERS)}` })
  patient(@Root() a: Appointment, @Ctx() ctx: Context): Patient | Promise<Patient> {
    const compiled = fromTree<Patient | null>(a, 'patient');
    if (compiled !== undefined) return APPOINTMENT_PATIENT_TREE.present(a, compiled, ctx) as Patient;
    if (a.preloaded?.patient) return presentPatient(ctx, a.patientId, a.preloaded.patient);
    return ctx.loaders.patient.load(a.patientId).then((row) => presentPatient(ctx, a.patientId, row));
  }

  @FieldResolver(() => Provider)
  provider(@Root() a: Appointment, @Ctx() ctx: Context): Provider | Promise<Provider> {
    if (a.preloaded?.provider) return toProvider(a.preloaded.provider);
    return ctx.loaders.provider.load(a.providerId).then((row) => {
      if (!row) throw notFound('Provider', a.providerId);
      return toProvider(row);
    });
  }

  @Authorized(ROOM_READERS)
  @FieldResolver(() => Room, { nullable: true, description: `The room the patient was put in (kept after the visit, even if the room was deactivated since); null when not roomed. Same rule as Query.rooms: ${accessText(ROOM_READERS)}` })
  async room(@Root() a: Appointment, @Ctx() ctx: Context): Promise<Room | null> {
    // A day-view row carries room_id only when roomId was selected; then the appointment loader (batched) has it.
    const roomId = a.roomId !== undefined ? a.roomId : ((await ctx.loaders.appointment.load(a.id))?.roomId ?? null);
    if (!roomId) return null;
    const row = await ctx.loaders.room.load(roomId);
    return row ? toRoom(row) : null;
  }

  @FieldResolver(() => AppointmentType)
  appointmentType(@Root() a: Appointment, @Ctx() ctx: Context): AppointmentType | Promise<AppointmentType> {
    if (a.preloaded?.type) return toAppointmentType(a.preloaded.type);
    return ctx.loaders.appointmentType.load(a.appointmentTypeId).then((row) => {
      if (!row) throw notFound('AppointmentType', a.appointmentTypeId);
      return toAppointmentType(row);
    });
  }
}
