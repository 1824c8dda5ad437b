import type { Db } from '../../db/client.js';
import type { SubscriberJson } from '../../db/schema/insurance.js';
import { badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import type { SubscriberInput } from './coverage.inputs.js';
import { EXCLUSION_VIOLATION, sqlState } from './insurance.errors.js';
import { findPayersByIds } from './payer.repo.js';

/** Subscriber input → stored JSON. */
export const subscriberJson = (s: SubscriberInput): SubscriberJson => ({
  given: s.name.given.trim(), middle: s.name.middle?.trim() || null, family: s.name.family.trim(), dateOfBirth: s.dateOfBirth, sex: s.sex, address: s.address ? { ...s.address } : null,
});

type Shape = { subscriberRelationship: string; subscriber: unknown; effectiveDate: string; endDate: string | null | undefined };

/** Subscriber present exactly when not SELF; end not before start; DOB not in the future. @throws BAD_USER_INPUT */
export function checkShape(c: Shape, today: string): void {
  const problems = shapeProblems(c, today);
  if (problems.length) throw badInput(problems);
}

/** The problems checkShape refuses, by input path (the CSV import reports them per row). */
export function shapeProblems(c: Shape, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (c.subscriberRelationship === 'SELF' && c.subscriber) problems.push({ path: 'input.subscriber', message: 'must be omitted when the relationship is SELF' });
  if (c.subscriberRelationship !== 'SELF' && !c.subscriber) problems.push({ path: 'input.subscriber', message: 'is required unless the relationship is SELF' });
  if (c.endDate && c.endDate < c.effectiveDate) problems.push({ path: 'input.endDate', message: 'must not be before the effective date' });
  const dob = (c.subscriber as SubscriberJson | null)?.dateOfBirth;
  if (dob && dob > today) problems.push({ path: 'input.subscriber.dateOfBirth', message: 'must not be in the future' });
  return problems;
}

/** The payer exists in the practice and is active. @throws NOT_FOUND, BAD_USER_INPUT */
export async function checkPayer(db: Db, practiceId: string, payerId: string): Promise<void> {
  const [payer] = await findPayersByIds(db, practiceId, [payerId]);
  if (!payer) throw notFound('Payer', payerId);
  if (!payer.active) throw badInput([{ path: 'input.payerId', message: 'is an inactive payer' }]);
}

/** Runs a coverage write; the one-active-per-order constraint is checked at commit (deferred). */
export async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (sqlState(err) === EXCLUSION_VIOLATION) {
      throw badInput([{ path: 'input.order', message: 'the patient already has an active coverage of this order on some of these dates' }]);
    }
    throw err;
  }
}
