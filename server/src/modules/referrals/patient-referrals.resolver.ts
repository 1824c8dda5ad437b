import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText, STAFF_PHI } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { Patient } from '../patients/patient.type.js';
import { PATIENT_REFERRALS_LIMIT } from './referral.loaders.js';
import { toReferral } from './referral.mapper.js';
import { Referral } from './referral.type.js';

/** Patient.referrals lives here: the patients module knows nothing of referrals. */
@Resolver(() => Patient)
export class PatientReferralsResolver {
  @Authorized(STAFF_PHI)
  @FieldResolver(() => [Referral], {
    description: `The patient's referrals, outgoing and incoming, any status, newest first, at most ${PATIENT_REFERRALS_LIMIT}; referrals(filter: {patientId}) pages further. One batched query per request; every read audited. Same rule as Query.referrals: ${accessText(STAFF_PHI)}`,
  })
  async referrals(@Root() p: Patient, @Ctx() ctx: Context): Promise<Referral[]> {
    const rows = await ctx.loaders.patientReferrals.load(p.id);
    for (const r of rows) ctx.audit.read('Referral', r.id, r.patientId);
    return rows.map(toReferral);
  }
}
