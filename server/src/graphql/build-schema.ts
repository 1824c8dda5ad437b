import type { GraphQLSchema } from 'graphql';
import { buildSchema as buildTypeGraphqlSchema, type NonEmptyArray } from 'type-graphql';
import { AnalyticsMetricsResolver, AnalyticsResolver } from '../modules/analytics/analytics.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { BillingProfileResolver } from '../modules/billing/billing-profile.resolver.js';
import { CodeResolver } from '../modules/codes/code.resolver.js';
import { FeeResolver } from '../modules/fees/fee.resolver.js';
import { AppointmentChangeResolver } from '../modules/engagement/appointment-change.resolver.js';
import { RecallResolver } from '../modules/engagement/recall.resolver.js';
import { ReminderPolicyResolver } from '../modules/engagement/reminder-policy.resolver.js';
import { ReminderResolver } from '../modules/engagement/reminder.resolver.js';
import { TelehealthResolver } from '../modules/engagement/telehealth.resolver.js';
import { WaitlistResolver } from '../modules/engagement/waitlist.resolver.js';
import { AppointmentEligibilityResolver } from '../modules/insurance/appointment-eligibility.resolver.js';
import { CoverageResolver } from '../modules/insurance/coverage.resolver.js';
import { EligibilityResolver } from '../modules/insurance/eligibility.resolver.js';
import { PatientCoveragesResolver } from '../modules/insurance/patient-coverages.resolver.js';
import { PayerResolver } from '../modules/insurance/payer.resolver.js';
import { LocationResolver } from '../modules/locations/location.resolver.js';
import { PartnerClientResolver } from '../modules/partners/partner-client.resolver.js';
import { PatientResolver } from '../modules/patients/patient.resolver.js';
import { LocationRoomsResolver } from '../modules/rooms/location-rooms.resolver.js';
import { RoomResolver } from '../modules/rooms/room.resolver.js';
import { AppointmentFieldsResolver } from '../modules/scheduling/appointment-fields.resolver.js';
import { AppointmentTypeResolver } from '../modules/scheduling/appointment-type.resolver.js';
import { AppointmentResolver } from '../modules/scheduling/appointment.resolver.js';
import { AvailabilityResolver } from '../modules/scheduling/availability.resolver.js';
import { PatientAppointmentsResolver } from '../modules/scheduling/patient-appointments.resolver.js';
import { ScheduleResolver } from '../modules/scheduling/schedule.resolver.js';
import { SlotResolver } from '../modules/scheduling/slot.resolver.js';
import { LocationProvidersResolver } from '../modules/providers/location-providers.resolver.js';
import { ProviderResolver } from '../modules/providers/provider.resolver.js';
import { AppointmentSuperbillResolver, PatientSuperbillsResolver, SuperbillFieldsResolver } from '../modules/superbills/superbill-fields.resolver.js';
import { SuperbillResolver } from '../modules/superbills/superbill.resolver.js';
import { ClaimFieldsResolver, SuperbillClaimsResolver } from '../modules/claims/claim-fields.resolver.js';
import { ClaimAnswersResolver, ClaimBatchResolver } from '../modules/claims/claim-batch.resolver.js';
import { ClaimResolver } from '../modules/claims/claim.resolver.js';
import { AppealResolver, ClaimAppealsResolver } from '../modules/appeals/appeal.resolver.js';
import { PriorPayerClaimResolver, SecondaryClaimResolver } from '../modules/coordination/secondary-claim.resolver.js';
import { PatientBalanceResolver } from '../modules/ledger/ledger-fields.resolver.js';
import { ArAgingResolver } from '../modules/accounts/ar-aging.resolver.js';
import { PatientPaymentResolver } from '../modules/accounts/patient-payment.resolver.js';
import { PatientPaymentPlansResolver, PaymentPlanResolver } from '../modules/accounts/payment-plan.resolver.js';
import { PatientStatementsResolver, StatementResolver } from '../modules/accounts/statement.resolver.js';
import { LedgerResolver } from '../modules/ledger/ledger.resolver.js';
import { ClaimPaymentsResolver } from '../modules/remittances/claim-payments.resolver.js';
import { RemittanceClaimFieldsResolver, RemittanceFieldsResolver } from '../modules/remittances/remittance-fields.resolver.js';
import { RemittanceResolver } from '../modules/remittances/remittance.resolver.js';
import { ClearinghouseInboxResolver } from '../modules/clearinghouse-inbox/inbox.resolver.js';
import { PurchaseOrderResolver } from '../modules/supplies/purchase-order.resolver.js';
import { SupplyCatalogResolver } from '../modules/supplies/supply-catalog.resolver.js';
import { PurchaseOrderFieldsResolver, PurchaseOrderLineFieldsResolver, SupplyItemFieldsResolver, SupplyLevelStatusFieldsResolver, SupplyMovementFieldsResolver, SupplyReorderAlertFieldsResolver, SupplyStockFieldsResolver } from '../modules/supplies/supply-fields.resolver.js';
import { ImportResolver } from '../modules/imports/import.resolver.js';
import { SupplyStockResolver } from '../modules/supplies/supply-stock.resolver.js';
import { ContactResolver } from '../modules/correspondence/contact.resolver.js';
import { DocumentResolver, PatientDocumentsResolver } from '../modules/documents/document.resolver.js';
import { ReleaseRequestResolver } from '../modules/releases/release.resolver.js';
import { AppointmentIntakeResolver, IntakeResolver } from '../modules/intake/intake.resolver.js';
import { TaskChangeResolver } from '../modules/tasks/task-change.resolver.js';
import { TaskResolver } from '../modules/tasks/task.resolver.js';
import { PatientTasksResolver } from '../modules/tasks/patient-tasks.resolver.js';
import { PatientReferralsResolver } from '../modules/referrals/patient-referrals.resolver.js';
import { AppointmentOrdersResolver, PatientOrdersResolver } from '../modules/orders/order-links.resolver.js';
import { ExternalProviderResolver } from '../modules/referrals/external-provider.resolver.js';
import { ReferralResolver } from '../modules/referrals/referral.resolver.js';
import { OrderResolver } from '../modules/orders/order.resolver.js';
import { LabResultResolver } from '../modules/results/result.resolver.js';
import { PatientSummaryResolver } from '../modules/fhir/patient-summary.resolver.js';
import { contextPubSubOnly } from '../realtime/pubsub.js';
import { authChecker } from './auth.js';
import { preferTreeValues } from './compile/tree-values.js';
import { GUARDED_TREE_FIELDS, SQL_TYPES } from './compiled-types.js';
import { dropPassThroughResolvers, guardPlainFieldsDirectly } from './plain-fields.js';
import { DateTimeScalar } from './scalars/date-time.js';
import { validateArgs } from './validate-args.js';

/** Every resolver class of the API. Adding a module means adding its resolvers here. */
export const resolvers: NonEmptyArray<Function> = [
  PatientResolver,
  AuditResolver,
  LocationResolver,
  ProviderResolver,
  LocationProvidersResolver,
  RoomResolver,
  LocationRoomsResolver,
  AppointmentTypeResolver,
  AvailabilityResolver,
  SlotResolver,
  AppointmentResolver,
  AppointmentFieldsResolver,
  ScheduleResolver,
  PatientAppointmentsResolver,
  AppointmentChangeResolver,
  RecallResolver,
  ReminderResolver,
  ReminderPolicyResolver,
  WaitlistResolver,
  TelehealthResolver,
  PayerResolver,
  CoverageResolver,
  PatientCoveragesResolver,
  EligibilityResolver,
  AppointmentEligibilityResolver,
  CodeResolver,
  FeeResolver,
  BillingProfileResolver,
  PartnerClientResolver,
  SuperbillResolver,
  SuperbillFieldsResolver,
  AppointmentSuperbillResolver,
  PatientSuperbillsResolver,
  ClaimResolver,
  SecondaryClaimResolver,
  PriorPayerClaimResolver,
  AppealResolver,
  ClaimAppealsResolver,
  ClaimFieldsResolver,
  SuperbillClaimsResolver,
  LedgerResolver,
  PatientPaymentResolver,
  ArAgingResolver,
  StatementResolver,
  PatientStatementsResolver,
  PaymentPlanResolver,
  PatientPaymentPlansResolver,
  PatientBalanceResolver,
  AnalyticsResolver,
  AnalyticsMetricsResolver,
  ClaimBatchResolver,
  ClaimAnswersResolver,
  RemittanceResolver,
  RemittanceFieldsResolver,
  RemittanceClaimFieldsResolver,
  ClaimPaymentsResolver,
  SupplyCatalogResolver,
  SupplyStockResolver,
  PurchaseOrderResolver,
  SupplyItemFieldsResolver,
  SupplyStockFieldsResolver,
  SupplyMovementFieldsResolver,
  SupplyLevelStatusFieldsResolver,
  SupplyReorderAlertFieldsResolver,
  PurchaseOrderFieldsResolver,
  PurchaseOrderLineFieldsResolver,
  ImportResolver,
  ContactResolver,
  DocumentResolver,
  PatientDocumentsResolver,
  ReleaseRequestResolver,
  IntakeResolver,
  AppointmentIntakeResolver,
  TaskResolver,
  TaskChangeResolver,
  ExternalProviderResolver,
  ReferralResolver,
  OrderResolver,
  ClearinghouseInboxResolver,
  LabResultResolver,
  PatientSummaryResolver,
  PatientTasksResolver,
  PatientReferralsResolver,
  PatientOrdersResolver,
  AppointmentOrdersResolver,
];

/** Builds the executable schema from the type-graphql classes. */
export async function buildSchema(): Promise<GraphQLSchema> {
  const schema = await buildTypeGraphqlSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validateFn: validateArgs,
    pubSub: contextPubSubOnly,
    emitSchemaFile: false,
  });
  dropPassThroughResolvers(schema);
  guardPlainFieldsDirectly(schema, authChecker);
  preferTreeValues(schema, SQL_TYPES, { authChecker, validate: validateArgs, fields: GUARDED_TREE_FIELDS });
  return schema;
}
