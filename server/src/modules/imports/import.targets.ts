import { allows, type Principal } from '../../graphql/auth.js';
import { Role } from '../../graphql/roles.js';
import { feeSchedulesImport } from '../fees/fee-schedules.import.js';
import { coveragesImport } from '../insurance/coverages.import.js';
import { payersImport } from '../insurance/payers.import.js';
import { patientsImport } from '../patients/patients.import.js';
import { appointmentTypesImport } from '../scheduling/appointment-types.import.js';
import { providersImport } from '../providers/providers.import.js';
import { openingStockImport } from '../supplies/opening-stock.import.js';
import { supplyItemsImport } from '../supplies/supply-items.import.js';
import type { ImportTarget } from './import-target.js';

/** Who runs imports and reads their records: each sees the imports of the targets their role may run. */
export const IMPORT_RUNNERS = [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN];

/** Every import target by name, with the roles that may run it (and read its runs). A new target is one line here. */
export const IMPORT_TARGETS: Record<string, { roles: readonly Role[]; create: () => ImportTarget<any> }> = {
  // The roles of registerPatient.
  PATIENTS: { roles: [Role.FRONT_DESK, Role.PRACTICE_ADMIN], create: patientsImport },
  // The role of createProvider.
  PROVIDERS: { roles: [Role.PRACTICE_ADMIN], create: providersImport },
  // The role of createAppointmentType.
  APPOINTMENT_TYPES: { roles: [Role.PRACTICE_ADMIN], create: appointmentTypesImport },
  SUPPLY_ITEMS: { roles: [Role.FRONT_DESK, Role.PRACTICE_ADMIN], create: supplyItemsImport },
  OPENING_STOCK: { roles: [Role.FRONT_DESK, Role.PRACTICE_ADMIN], create: openingStockImport },
  // The roles of addCoverage.
  COVERAGES: { roles: [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN], create: coveragesImport },
  // The roles of addPayer.
  PAYERS: { roles: [Role.BILLER, Role.PRACTICE_ADMIN], create: payersImport },
  // The roles of upsertFeeScheduleEntries (billing writers; partners never import).
  FEE_SCHEDULES: { roles: [Role.BILLER, Role.PRACTICE_ADMIN], create: feeSchedulesImport },
};

/** The targets whose imports the caller may run and read. */
export const targetsFor = (principal: Principal): string[] => (principal.clientId ? [] : Object.keys(IMPORT_TARGETS).filter((t) => allows(principal, IMPORT_TARGETS[t]!.roles)));
