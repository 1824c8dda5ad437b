import type { Db } from '../db/client.js';
import { createCoverageHistoryLoader, createCoverageLoader, createPatientCoveragesLoader, createPayerLoader } from '../modules/insurance/coverage.loaders.js';
import { createAppointmentEligibilityLoader } from '../modules/insurance/eligibility.loaders.js';
import { createLocationLoader } from '../modules/locations/location.loaders.js';
import { createPatientLoader } from '../modules/patients/patient.loaders.js';
import { createRoomLoaders } from '../modules/rooms/room.loaders.js';
import { createSchedulingLoaders } from '../modules/scheduling/appointment.loaders.js';
import { createClaimBatchLoaders } from '../modules/claims/claim-batch.loaders.js';
import { createClaimLoaders } from '../modules/claims/claim.loaders.js';
import { createLedgerLoaders } from '../modules/ledger/ledger.loaders.js';
import { createAppealLoaders } from '../modules/appeals/appeal.loaders.js';
import { createPaymentPlanLoaders } from '../modules/accounts/payment-plan.loaders.js';
import { createStatementLoaders } from '../modules/accounts/statement.loaders.js';
import { createRemittanceLoaders } from '../modules/remittances/remittance.loaders.js';
import { createSupplyLoaders } from '../modules/supplies/supply.loaders.js';
import { createSuperbillLoaders } from '../modules/superbills/superbill.loaders.js';
import { createTaskLoaders } from '../modules/tasks/task.loaders.js';
import { createReferralLoaders } from '../modules/referrals/referral.loaders.js';
import { createDocumentLoaders } from '../modules/documents/document.loaders.js';
import { createReleaseLoaders } from '../modules/releases/release.loaders.js';
import { createIntakeLoaders } from '../modules/intake/intake.loaders.js';
import { createResultLoaders } from '../modules/results/result.loaders.js';
import { createOrderLoaders } from '../modules/orders/order.loaders.js';
import { createLocationsOfProviderLoader, createProviderLoader, createProvidersAtLocationLoader } from '../modules/providers/provider.loaders.js';

/**
 * All per-request DataLoaders, scoped to the caller's practice. Created once per request in the
 * context; never stored on resolver instances.
 */
export function createLoaders(db: Db, practiceId: string) {
  return {
    patient: createPatientLoader(db, practiceId),
    coverage: createCoverageLoader(db, practiceId),
    coverageHistory: createCoverageHistoryLoader(db, practiceId),
    payer: createPayerLoader(db, practiceId),
    patientCoverages: createPatientCoveragesLoader(db, practiceId),
    appointmentEligibility: createAppointmentEligibilityLoader(db, practiceId),
    location: createLocationLoader(db, practiceId),
    provider: createProviderLoader(db, practiceId),
    locationsOfProvider: createLocationsOfProviderLoader(db, practiceId),
    providersAtLocation: createProvidersAtLocationLoader(db, practiceId),
    ...createRoomLoaders(db, practiceId),
    ...createSchedulingLoaders(db, practiceId),
    ...createSuperbillLoaders(db, practiceId),
    ...createClaimLoaders(db, practiceId),
    ...createLedgerLoaders(db, practiceId),
    ...createClaimBatchLoaders(db, practiceId),
    ...createRemittanceLoaders(db, practiceId),
    ...createSupplyLoaders(db, practiceId),
    ...createAppealLoaders(db, practiceId),
    ...createStatementLoaders(db, practiceId),
    ...createPaymentPlanLoaders(db, practiceId),
    ...createTaskLoaders(db, practiceId),
    ...createReferralLoaders(db, practiceId),
    ...createOrderLoaders(db, practiceId),
    ...createDocumentLoaders(db, practiceId),
    ...createReleaseLoaders(db, practiceId),
    ...createIntakeLoaders(db, practiceId),
    ...createResultLoaders(db, practiceId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
