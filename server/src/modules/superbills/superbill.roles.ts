import { BILLING_READ_ROLES } from '../billing-access.js';

/**
 * Who reads and writes superbills (and their PDF, and the nested Appointment.superbill and
 * Patient.superbills): FRONT_DESK, BILLER, PRACTICE_ADMIN — the billing readers. The front desk builds
 * superbills at check-out, so writers are the same roles. Partner billing clients get these through
 * billing scopes once those exist.
 */
export const SUPERBILL_ROLES = [...BILLING_READ_ROLES];
