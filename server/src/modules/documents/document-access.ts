import { accessText } from '../../graphql/access.js';
import type { Principal } from '../../graphql/auth.js';
import { Role } from '../../graphql/roles.js';
import { DocumentType } from './document.type.js';

/** Who works with documents: the staff who need them. ANALYST and partner clients get nothing. */
export const DOCUMENT_USERS: readonly Role[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.PRACTICE_ADMIN];

/** The billing documents: all a BILLER sees or uploads (minimum necessary). */
export const BILLING_DOCUMENT_TYPES: readonly DocumentType[] = [DocumentType.INSURANCE_CARD, DocumentType.PAYER_CORRESPONDENCE];

/** The sentence guarded document fields end with. */
export const DOCUMENT_ACCESS_TEXT = `A BILLER sees and uploads only billing documents (INSURANCE_CARD, PAYER_CORRESPONDENCE); other documents are NOT_FOUND to a BILLER. ${accessText(DOCUMENT_USERS)}`;

/**
 * The document types the caller may see, or null for every type.
 * A BILLER who also holds a clinical or front-office role sees everything that role sees.
 */
export function visibleDocumentTypes(principal: Principal): readonly DocumentType[] | null {
  const full = principal.roles.some((r) => r === Role.FRONT_DESK || r === Role.CLINICIAN || r === Role.PRACTICE_ADMIN);
  if (full) return null;
  return principal.roles.includes(Role.BILLER) ? BILLING_DOCUMENT_TYPES : [];
}

/** Whether the caller may see (and upload) a document of this type. */
export function mayUseDocumentType(principal: Principal, type: string): boolean {
  const types = visibleDocumentTypes(principal);
  return types === null || (types as readonly string[]).includes(type);
}
