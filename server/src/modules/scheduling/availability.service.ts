import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { CreateAvailabilityExceptionInput, CreateAvailabilityRuleInput } from './availability.inputs.js';
import * as repo from './availability.repo.js';
import { type AvailabilityException, type AvailabilityRule, toAvailabilityException, toAvailabilityRule } from './availability.type.js';
import { findProviderAtLocation } from '../providers/provider-location.repo.js';
import { assertWorksAt } from '../providers/provider-location.rules.js';
import { findLocation, providerExists } from './practice-refs.repo.js';

const MAX_EXCEPTION_MS = 366 * 86_400_000;

/** Hours at a location are for a provider who works there (the same rule as booking); practice-wide time off needs only the provider. */
async function requireProviderAndLocation(db: Db, practiceId: string, providerId: string, locationId: string | null | undefined): Promise<void> {
  if (!(await providerExists(db, practiceId, providerId))) throw notFound('Provider', providerId);
  if (!locationId) return;
  if (!(await findLocation(db, practiceId, locationId))) throw notFound('Location', locationId);
  assertWorksAt(await findProviderAtLocation(db, practiceId, providerId, locationId), providerId, { providerId: 'input.providerId', locationId: 'input.locationId' });
}

/**
 * Adds weekly working hours for a provider at a location (local wall-clock time of the location).
 * @throws BAD_USER_INPUT (end not after start, effectiveTo before effectiveFrom, a provider inactive or not
 * working at the location), NOT_FOUND (provider, location)
 */
export async function createRule(db: Db, principal: Principal, audit: AuditTrail, input: CreateAvailabilityRuleInput): Promise<AvailabilityRule> {
  const problems: FieldProblem[] = [];
  if (input.endTime <= input.startTime) problems.push({ path: 'input.endTime', message: 'must be after startTime' });
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) problems.push({ path: 'input.effectiveTo', message: 'must not be before effectiveFrom' });
  if (problems.length) throw badInput(problems);
  await requireProviderAndLocation(db, principal.practiceId, input.providerId, input.locationId);
  const row = await db.transaction(async (tx) => {
    // PostgreSQL's time type accepts 24:00 as the end of the day.
    const created = await repo.insertRule(tx, principal.practiceId, { ...input, effectiveTo: input.effectiveTo ?? null });
    await audit.write(tx, 'CREATE', 'AvailabilityRule', created.id);
    return created;
  });
  return toAvailabilityRule(row);
}

/**
 * Adds time off, extra hours or a block for a provider.
 * @throws BAD_USER_INPUT (empty or longer than 366 days; with a location, a provider inactive or not working
 * there), NOT_FOUND (provider, location)
 */
export async function createException(db: Db, principal: Principal, audit: AuditTrail, input: CreateAvailabilityExceptionInput): Promise<AvailabilityException> {
  const span = input.endsAt.getTime() - input.startsAt.getTime();
  if (span <= 0) throw badInput([{ path: 'input.endsAt', message: 'must be after startsAt' }]);
  if (span > MAX_EXCEPTION_MS) throw badInput([{ path: 'input.endsAt', message: 'must be at most 366 days after startsAt' }]);
  await requireProviderAndLocation(db, principal.practiceId, input.providerId, input.locationId);
  const row = await db.transaction(async (tx) => {
    const created = await repo.insertException(tx, principal.practiceId, { ...input, locationId: input.locationId ?? null, reason: input.reason ?? null });
    await audit.write(tx, 'CREATE', 'AvailabilityException', created.id);
    return created;
  });
  return toAvailabilityException(row);
}

/** Retires a weekly rule (kept for history). @throws NOT_FOUND */
export async function deactivateRule(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<AvailabilityRule> {
  const row = await db.transaction(async (tx) => {
    const r = await repo.deactivateRule(tx, principal.practiceId, id);
    if (!r) throw notFound('AvailabilityRule', id);
    await audit.write(tx, 'DEACTIVATE', 'AvailabilityRule', id);
    return r;
  });
  return toAvailabilityRule(row);
}

/** Withdraws an exception (kept for history). @throws NOT_FOUND */
export async function deactivateException(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<AvailabilityException> {
  const row = await db.transaction(async (tx) => {
    const r = await repo.deactivateException(tx, principal.practiceId, id);
    if (!r) throw notFound('AvailabilityException', id);
    await audit.write(tx, 'DEACTIVATE', 'AvailabilityException', id);
    return r;
  });
  return toAvailabilityException(row);
}
