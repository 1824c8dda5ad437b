import { billingPhoneEdit } from './billing-phone.edit.js';
import { billingZipEdit } from './billing-zip.edit.js';
import { chargeEdit } from './charge.edit.js';
import { coverageActiveEdit } from './coverage-active.edit.js';
import { diagnosisCodeEdit } from './diagnosis-code.edit.js';
import { diagnosisPointerEdit } from './diagnosis-pointer.edit.js';
import { duplicateEdit } from './duplicate.edit.js';
import type { ClaimEdit } from './edit.js';
import { eligibilityEdit } from './eligibility.edit.js';
import { memberIdEdit } from './member-id.edit.js';
import { modifierEdit } from './modifier.edit.js';
import { npiEdit } from './npi.edit.js';
import { payerTelehealth95Edit } from './payer-telehealth-95.edit.js';
import { poBoxEdit } from './po-box.edit.js';
import { priorAuthEdit } from './prior-auth.edit.js';
import { procedureCodeEdit } from './procedure-code.edit.js';
import { subscriberAddressEdit } from './subscriber-address.edit.js';
import { timelyFilingEdit } from './timely-filing.edit.js';
import { tinEdit } from './tin.edit.js';

/** Every edit the scrubber runs, in report order. Adding an edit is adding its file and a line here. */
export const CLAIM_EDITS: readonly ClaimEdit[] = [
  memberIdEdit,
  coverageActiveEdit,
  eligibilityEdit,
  priorAuthEdit,
  npiEdit,
  tinEdit,
  poBoxEdit,
  billingZipEdit,
  billingPhoneEdit,
  subscriberAddressEdit,
  diagnosisCodeEdit,
  diagnosisPointerEdit,
  procedureCodeEdit,
  modifierEdit,
  chargeEdit,
  payerTelehealth95Edit,
  duplicateEdit,
  timelyFilingEdit,
];
