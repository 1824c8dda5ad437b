import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { auditedTreeField, fromTree } from '../../graphql/compile/tree-values.js';
import { notFound } from '../../graphql/errors.js';
import { toPayer } from '../insurance/payer.service.js';
import { Payer } from '../insurance/payer.type.js';
import { toPatient } from '../patients/patient.mapper.js';
import { Patient } from '../patients/patient.type.js';
import { Superbill } from '../superbills/superbill.type.js';
import { presentClaim } from './claim-present.js';
import { toNote, toStatusChange } from './claim.mapper.js';
import { CLAIM_READERS } from './claim.roles.js';
import { Claim, ClaimNote, ClaimStatusChange } from './claim.type.js';

/** Lets Claim.patient skip type-graphql's pipeline when the tree holds the patient (its rule is still checked). */
export const CLAIM_PATIENT_TREE = auditedTreeField('Claim', 'patient', { entity: 'Patient', idOf: 'patientId' });

/** Nested fields of Claim, each batched per request (one statement per field for a whole page). */
@Resolver(() => Claim)
export class ClaimFieldsResolver {
  @FieldResolver(() => Payer, { description: 'The payer billed (its current directory entry).' })
  async payer(@Root() c: Claim, @Ctx() ctx: Context): Promise<Payer> {
    const row = await ctx.loaders.payer.load(c.payerId);
    if (!row) throw notFound('Payer', c.payerId);
    return toPayer(row);
  }

  // A billing partner needs patients:read-demographics too to see who the patient is, as on Query.patient.
  @Authorized(...PATIENT_READERS)
  @FieldResolver(() => Patient, { description: `The patient (audited read). ${accessText(PATIENT_READERS)}` })
  async patient(@Root() c: Claim, @Ctx() ctx: Context): Promise<Patient> {
    const compiled = fromTree<Patient | null>(c, 'patient');
    if (compiled !== undefined) return CLAIM_PATIENT_TREE.present(c, compiled, ctx) as Patient;
    const row = await ctx.loaders.patient.load(c.patientId);
    if (!row) throw notFound('Patient', c.patientId);
    ctx.audit.read('Patient', row.id, row.id);
    return toPatient(row);
  }

  @FieldResolver(() => [ClaimStatusChange], { description: 'Every status change, oldest first.' })
  async history(@Root() c: Claim, @Ctx() ctx: Context): Promise<ClaimStatusChange[]> {
    return (await ctx.loaders.claimHistory.load(c.id)).map(toStatusChange);
  }

  @FieldResolver(() => ClaimStatusChange, { nullable: true, description: 'The latest status change (what moved the claim to its current status, who, when and why).' })
  async lastStatusChange(@Root() c: Claim, @Ctx() ctx: Context): Promise<ClaimStatusChange | null> {
    const history = await ctx.loaders.claimHistory.load(c.id);
    const last = history[history.length - 1];
    return last ? toStatusChange(last) : null;
  }

  @FieldResolver(() => [ClaimNote], { description: 'Notes, oldest first.' })
  async notes(@Root() c: Claim, @Ctx() ctx: Context): Promise<ClaimNote[]> {
    return (await ctx.loaders.claimNotes.load(c.id)).map(toNote);
  }

  @FieldResolver(() => Claim, { nullable: true, description: 'The claim this one replaces or voids.' })
  async originalClaim(@Root() c: Claim, @Ctx() ctx: Context): Promise<Claim | null> {
    if (!c.originalClaimId) return null;
    const row = await ctx.loaders.claim.load(c.originalClaimId);
    return row ? presentClaim(ctx.audit, row) : null;
  }

  @FieldResolver(() => [Claim], { description: 'Replacement (7) and void (8) claims made for this one, oldest first.' })
  async corrections(@Root() c: Claim, @Ctx() ctx: Context): Promise<Claim[]> {
    return (await ctx.loaders.claimCorrections.load(c.id)).map((r) => presentClaim(ctx.audit, r));
  }
}

/** Superbill.claims lives here: the superbills module knows nothing of claims. */
@Resolver(() => Superbill)
export class SuperbillClaimsResolver {
  @Authorized(...CLAIM_READERS)
  @FieldResolver(() => [Claim], { description: `Claims made from this superbill (originals, replacements and voids), oldest first. ${accessText(CLAIM_READERS)}` })
  async claims(@Root() s: Superbill, @Ctx() ctx: Context): Promise<Claim[]> {
    return (await ctx.loaders.superbillClaims.load(s.id)).map((r) => presentClaim(ctx.audit, r));
  }
}
