import { sqlTypes } from '../db/compile/sql-type.js';
import type { GuardedTreeField } from './compile/tree-values.js';
import { CLAIM_PATIENT_TREE } from '../modules/claims/claim-fields.resolver.js';
import { CLAIM_DIAGNOSIS_SQL, CLAIM_LINE_SQL, CLAIM_NOTE_SQL, CLAIM_SQL, CLAIM_STATUS_CHANGE_SQL } from '../modules/claims/claim.sql-type.js';
import { PAYER_SQL } from '../modules/insurance/payer.sql-type.js';
import { PATIENT_COVERAGES_TREE } from '../modules/insurance/patient-coverages.resolver.js';
import { SUPERBILL_PATIENT_TREE } from '../modules/superbills/superbill-fields.resolver.js';
import { COVERAGE_SQL, PATIENT_COVERAGES_SQL } from '../modules/insurance/coverage.sql-type.js';
import { LOCATION_SQL } from '../modules/locations/location.sql-type.js';
import { PATIENT_SQL } from '../modules/patients/patient.sql-type.js';
import { PROVIDER_SQL } from '../modules/providers/provider.sql-type.js';
import { PROVIDER_ADJUSTMENT_SQL, REMITTANCE_ADJUSTMENT_SQL, REMITTANCE_CLAIM_SQL, REMITTANCE_LINE_SQL, REMITTANCE_SQL } from '../modules/remittances/remittance.sql-type.js';
import { APPOINTMENT_PATIENT_TREE } from '../modules/scheduling/appointment-fields.resolver.js';
import { APPOINTMENT_SQL, APPOINTMENT_TYPE_SQL } from '../modules/scheduling/appointment.sql-type.js';
import { SUPERBILL_DIAGNOSIS_SQL, SUPERBILL_LINE_SQL, SUPERBILL_SQL } from '../modules/superbills/superbill.sql-type.js';

/**
 * Every GraphQL type the selection compiler reads from SQL, with the relations modules add to types of
 * other modules. Adding a module's type to the compiler means adding its declaration here.
 */
export const SQL_TYPES = sqlTypes(
  [
    SUPERBILL_SQL, SUPERBILL_DIAGNOSIS_SQL, SUPERBILL_LINE_SQL, PATIENT_SQL, PROVIDER_SQL, LOCATION_SQL, COVERAGE_SQL,
    CLAIM_SQL, CLAIM_DIAGNOSIS_SQL, CLAIM_LINE_SQL, CLAIM_STATUS_CHANGE_SQL, CLAIM_NOTE_SQL, PAYER_SQL,
    REMITTANCE_SQL, REMITTANCE_CLAIM_SQL, REMITTANCE_LINE_SQL, REMITTANCE_ADJUSTMENT_SQL, PROVIDER_ADJUSTMENT_SQL,
    APPOINTMENT_SQL, APPOINTMENT_TYPE_SQL,
  ],
  [PATIENT_COVERAGES_SQL],
);

/**
 * Guarded relations of compiled types whose tree value is presented without type-graphql's per-field
 * middleware pipeline: the role rule is checked by the same authChecker with the same roles.
 */
export const GUARDED_TREE_FIELDS: readonly GuardedTreeField[] = [SUPERBILL_PATIENT_TREE, PATIENT_COVERAGES_TREE, CLAIM_PATIENT_TREE, APPOINTMENT_PATIENT_TREE];
