import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { fromTree, type GuardedTreeField } from '../../graphql/compile/tree-values.js';
import type { Context } from '../../graphql/context.js';
import { accessText, COVERAGE_READERS } from '../../graphql/access.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { Patient } from '../patients/patient.type.js';
import { presentCoverages, presentTreeCoverages } from './coverage.service.js';
import { Coverage } from './coverage.type.js';

/** Lets Patient.coverages skip type-graphql's pipeline when the tree holds them (its rule is still checked). */
export const PATIENT_COVERAGES_TREE: GuardedTreeField = { type: 'Patient', field: 'coverages', present: (_p: Patient, compiled: Coverage[], ctx: Context) => presentTreeCoverages(ctx.audit, compiled) };

/** Patient.coverages lives here: the patients module knows nothing of insurance. */
@Resolver(() => Patient)
export class PatientCoveragesResolver {
  @Authorized(COVERAGE_READERS)
  @FieldResolver(() => [Coverage], { description: `Coverages in COB order. With asOf: the ACTIVE ones covering that date; without: all, including ended and cancelled. Same rule as Query.coverage: ${accessText(COVERAGE_READERS)}` })
  async coverages(@Root() patient: Patient, @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | null, @Ctx() ctx: Context): Promise<Coverage[]> {
    const compiled = fromTree<Coverage[]>(patient, 'coverages');
    if (compiled) return presentTreeCoverages(ctx.audit, compiled);
    return presentCoverages(ctx.audit, await ctx.loaders.patientCoverages.load({ patientId: patient.id, asOf: asOf ?? null }));
  }
}
