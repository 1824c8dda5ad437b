import { Role } from '../../graphql/roles.js';
import { patientsImport } from '../patients/patients.import.js';
import { appointmentTypesImport } from '../scheduling/appointment-types.import.js';
import { providersImport } from '../providers/providers.import.js';
import { openingStockImport } from '../supplies/opening-stock.import.js';
import { supplyItemsImport } from '../supplies/supply-items.import.js';
import type { ImportTarget } from './import-target.js';

/** Who runs imports and reads their records (each target may narrow it). */
export const IMPORT_RUNNERS = [Role.FRONT_DESK, Role.PRACTICE_ADMIN];

/** Every import target by name, with the roles that may run it. A new target is one line here. */
export const IMPORT_TARGETS: Record<string, { roles: readonly Role[]; create: () => ImportTarget<any> }> = {
  // The roles of registerPatient.
  PATIENTS: { roles: [Role.FRONT_DESK, Role.PRACTICE_ADMIN], create: patientsImport },
  // The role of createProvider.
  PROVIDERS: { roles: [Role.PRACTICE_ADMIN], create: providersImport },
  // The role of createAppointmentType.
  APPOINTMENT_TYPES: { roles: [Role.PRACTICE_ADMIN], create: appointmentTypesImport },
  SUPPLY_ITEMS: { roles: [Role.FRONT_DESK, Role.PRACTICE_ADMIN], create: supplyItemsImport },
  OPENING_STOCK: { roles: [Role.FRONT_DESK, Role.PRACTICE_ADMIN], create: openingStockImport },
};
