import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { PAYMENT_READERS, PAYMENT_TAKERS, REFUNDERS } from './accounts.roles.js';
import { paymentReceipt } from './payment-receipt.service.js';
import { refundPatientPayment } from './payment-refund.service.js';
import { RecordPatientPaymentInput, RefundPatientPaymentInput } from './patient-payment.inputs.js';
import { presentPayment, presentRefund } from './patient-payment.mapper.js';
import { findPayment } from './patient-payment.repo.js';
import { recordPatientPayment } from './patient-payment.service.js';
import { PatientPayment, PatientPaymentPayload, PaymentReceiptPdf, RefundPatientPaymentPayload } from './patient-payment.type.js';

const TAKERS = accessText(PAYMENT_TAKERS);
const READERS = accessText(PAYMENT_READERS);

@Resolver(() => PatientPayment)
export class PatientPaymentResolver {
  @Authorized(...PAYMENT_READERS)
  @Query(() => PatientPayment, { description: `One patient payment with where its money went (audited read). ${READERS}` })
  async patientPayment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PatientPayment> {
    const { practiceId } = requirePrincipal(ctx);
    const row = await findPayment(ctx.db, practiceId, id);
    if (!row) throw notFound('PatientPayment', id);
    ctx.audit.read('PatientPayment', row.id, row.patientId);
    return presentPayment(ctx.db, practiceId, row);
  }

  @Authorized(...PAYMENT_READERS)
  @Query(() => PaymentReceiptPdf, { description: `The receipt of a patient payment as a PDF, rendered now and returned as base64 bytes; the export is audited. ${READERS}` })
  patientPaymentReceipt(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PaymentReceiptPdf> {
    return paymentReceipt(ctx.db, ctx.loaders, ctx.audit, requirePrincipal(ctx).practiceId, id);
  }

  @Authorized(...PAYMENT_TAKERS)
  @Mutation(() => PatientPaymentPayload, { description: `Record a payment from a patient (cash, check, or card through the card processor): to the oldest open balances unless allocated, the rest as a credit; retry-safe with idempotencyKey. A declined card is BAD_USER_INPUT with reason CARD_DECLINED and records nothing. ${TAKERS}` })
  async recordPatientPayment(@Arg('input', () => RecordPatientPaymentInput) input: RecordPatientPaymentInput, @Ctx() ctx: Context): Promise<PatientPaymentPayload> {
    const principal = requirePrincipal(ctx);
    const { payment, replayed } = await recordPatientPayment(ctx.db, principal, ctx.audit, input);
    ctx.loaders.patientLedgerSums.clear(payment.patientId);
    return { payment: await presentPayment(ctx.db, principal.practiceId, payment), replayed };
  }

  @Authorized(...REFUNDERS)
  @Mutation(() => RefundPatientPaymentPayload, { description: `Give back part or all of a patient payment (to the card for card payments), at most what is not refunded yet; retry-safe with idempotencyKey. ${accessText(REFUNDERS)}` })
  async refundPatientPayment(@Arg('input', () => RefundPatientPaymentInput) input: RefundPatientPaymentInput, @Ctx() ctx: Context): Promise<RefundPatientPaymentPayload> {
    const principal = requirePrincipal(ctx);
    const { refund, payment, replayed } = await refundPatientPayment(ctx.db, principal, ctx.audit, input);
    ctx.loaders.patientLedgerSums.clear(payment.patientId);
    return { refund: presentRefund(refund), payment: await presentPayment(ctx.db, principal.practiceId, payment), replayed };
  }
}
