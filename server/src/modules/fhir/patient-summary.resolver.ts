import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { RESULT_READERS } from '../results/result.roles.js';
import { patientSummary } from './patient-summary.service.js';

@Resolver()
export class PatientSummaryResolver {
  @Authorized(RESULT_READERS)
  @Query(() => String, { description: `A patient's summary for a transfer of care: a FHIR R4 Bundle (type collection) as JSON text with the Patient, Coverages, Appointments, current lab Observations and current DocumentReferences. Another practice's patient is NOT_FOUND. Audited (EXPORT). ${accessText(RESULT_READERS)}` })
  async patientSummary(@Arg('patientId', () => ID) patientId: string, @Ctx() ctx: Context): Promise<string> {
    return JSON.stringify(await patientSummary(ctx.db, requirePrincipal(ctx), ctx.audit, patientId));
  }
}
