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
 * Every per-request DataLoader, in groups made together (a module's factory may share state between its
 * loaders). Register a new loader (or a module's factory) here.
 */
const GROUPS = [
  (db: Db, practiceId: string) => ({ patient: createPatientLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ coverage: createCoverageLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ coverageHistory: createCoverageHistoryLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ payer: createPayerLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ patientCoverages: createPatientCoveragesLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ appointmentEligibility: createAppointmentEligibilityLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ location: createLocationLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ provider: createProviderLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ locationsOfProvider: createLocationsOfProviderLoader(db, practiceId) }),
  (db: Db, practiceId: string) => ({ providersAtLocation: createProvidersAtLocationLoader(db, practiceId) }),
  createRoomLoaders,
  createSchedulingLoaders,
  createSuperbillLoaders,
  createClaimLoaders,
  createLedgerLoaders,
  createClaimBatchLoaders,
  createRemittanceLoaders,
  createSupplyLoaders,
  createAppealLoaders,
  createStatementLoaders,
  createPaymentPlanLoaders,
  createTaskLoaders,
  createReferralLoaders,
  createOrderLoaders,
  createDocumentLoaders,
  createReleaseLoaders,
  createIntakeLoaders,
  createResultLoaders,
] as const satisfies readonly ((db: Db, practiceId: string) => object)[];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The loaders of one request, by name. */
export type Loaders = UnionToIntersection<ReturnType<(typeof GROUPS)[number]>>;

const DB = Symbol('db');
const PRACTICE = Symbol('practiceId');
interface Holder {
  [DB]: Db;
  [PRACTICE]: string;
}

let prototype: object | null = null;

/**
 * The prototype of every request's loaders: one getter per loader that makes the loader's group on
 * first use and stores the group's loaders on the request's object (own properties shadow the getters).
 * Which group makes which loader is learnt by making every group once.
 */
function loadersPrototype(db: Db, practiceId: string): object {
  if (prototype) return prototype;
  const proto = {};
  GROUPS.forEach((group: (db: Db, practiceId: string) => object) => {
    for (const name of Object.keys(group(db, practiceId))) {
      Object.defineProperty(proto, name, {
        enumerable: true,
        configurable: true,
        get(this: Holder) {
          const made = group(this[DB], this[PRACTICE]);
          for (const [key, loader] of Object.entries(made)) Object.defineProperty(this, key, { value: loader, enumerable: true, configurable: true, writable: true });
          return (made as Record<string, unknown>)[name];
        },
      });
    }
  });
  prototype = proto;
  return proto;
}

/**
 * All per-request DataLoaders, scoped to the caller's practice. Created once per request in the
 * context; never stored on resolver instances. Each loader (with the others of its module's group) is
 * made on first use: most requests touch a few of the ~80, and making them all was ~4% of a trivial request.
 */
export function createLoaders(db: Db, practiceId: string): Loaders {
  const loaders = Object.create(loadersPrototype(db, practiceId)) as Holder;
  loaders[DB] = db;
  loaders[PRACTICE] = practiceId;
  return loaders as unknown as Loaders;
}
