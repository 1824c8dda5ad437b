import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { parseFhirResults } from './fhir-results.parse.js';
import { buildAck } from './hl7-ack.js';
import { parseOru } from './hl7-oru.parse.js';
import { LabMessageError } from './lab-message.js';
import { type ReceivedLabMessage, storeLabMessage } from './result-intake.service.js';

/** The longest lab message accepted (characters). */
export const LAB_MESSAGE_MAX_CHARS = 2_000_000;

export type ReceiveOutcome = ({ ok: true; ack: string | null } & ReceivedLabMessage) | { ok: false; error: LabMessageError; ack: string | null };

/**
 * Reads, checks and stores one lab message of either format; the one entry point for the HTTP endpoints
 * and the staff upload. A malformed message stores nothing and comes back as the error (with the HL7 ACK
 * AE/AR naming the segment and field, for HL7); a good one with ACK AA (HL7).
 */
export async function receiveLabMessage(db: Db, principal: Principal, audit: AuditTrail, format: 'HL7V2' | 'FHIR', content: string, now = new Date()): Promise<ReceiveOutcome> {
  if (content.length > LAB_MESSAGE_MAX_CHARS) return { ok: false, error: new LabMessageError('content', `is longer than ${LAB_MESSAGE_MAX_CHARS} characters`, 'AR'), ack: null };
  if (format === 'HL7V2') {
    let parsed: ReturnType<typeof parseOru>;
    try {
      parsed = parseOru(content);
    } catch (err) {
      if (!(err instanceof LabMessageError)) throw err;
      return { ok: false, error: err, ack: buildAck(content, err.ackCode, now, err) };
    }
    const stored = await storeLabMessage(db, principal, audit, parsed.parsed, content);
    return { ok: true, ack: buildAck(content, 'AA', now), ...stored };
  }
  let body: unknown;
  try {
    body = JSON.parse(content);
  } catch {
    return { ok: false, error: new LabMessageError('content', 'is not JSON', 'AR'), ack: null };
  }
  try {
    const parsed = parseFhirResults(body);
    return { ok: true, ack: null, ...(await storeLabMessage(db, principal, audit, parsed, content)) };
  } catch (err) {
    if (err instanceof LabMessageError) return { ok: false, error: err, ack: null };
    throw err;
  }
}
