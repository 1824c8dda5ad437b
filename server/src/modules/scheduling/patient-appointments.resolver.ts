import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { accessText, SCHEDULE_READERS } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { Patient } from '../patients/patient.type.js';
import { toAppointment } from './appointment.mapper.js';
import { Appointment } from './appointment.type.js';

/** Patient.appointments lives here so the patients module knows nothing of scheduling. */
@Resolver(() => Patient)
export class PatientAppointmentsResolver {
  @Authorized(SCHEDULE_READERS)
  @FieldResolver(() => [Appointment], { description: `The patient's appointments starting at or after \`from\` (default now), earliest first, at most \`first\` (1–50, default 10). Batched across patients. Same rule as Query.appointment: ${accessText(SCHEDULE_READERS)}` })
  async appointments(
    @Root() patient: Patient,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from: Date | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<Appointment[]> {
    if (first < 1 || first > 50) throw badInput([{ path: 'first', message: 'must be between 1 and 50' }]);
    // Round "now" to the minute so sibling patients share one batch.
    const since = from ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const rows = await ctx.loaders.patientAppointments(since, first).load(patient.id);
    for (const r of rows) ctx.audit.read('Appointment', r.id, r.patientId);
    return rows.map((r) => toAppointment(r));
  }
}
