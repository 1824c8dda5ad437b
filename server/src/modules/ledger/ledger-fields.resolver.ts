import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { Patient } from '../patients/patient.type.js';
import { toBalance } from './ledger-balance.js';
import { toLedgerBalance } from './ledger.mapper.js';
import { BALANCE_READERS } from './ledger.roles.js';
import { LedgerBalance } from './ledger.type.js';

/** Patient.balance lives here: the patients module knows nothing of the ledger. */
@Resolver(() => Patient)
export class PatientBalanceResolver {
  @Authorized(...BALANCE_READERS)
  @FieldResolver(() => LedgerBalance, {
    description: `The patient's balance from the ledger: insurance part, patient part and credit (zero without entries; audited read). The front desk reads it too, to collect at the desk. ${accessText(BALANCE_READERS)}`,
  })
  async balance(@Root() p: Patient, @Ctx() ctx: Context): Promise<LedgerBalance> {
    const sums = await ctx.loaders.patientLedgerSums.load(p.id);
    ctx.audit.read('PatientBalance', p.id, p.id);
    return toLedgerBalance(toBalance(sums));
  }
}
