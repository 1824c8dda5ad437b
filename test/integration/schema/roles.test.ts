import { type GraphQLField, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES } from '../../../server/src/graphql/access.js';
import { allows, type Principal } from '../../../server/src/graphql/auth.js';
import { buildSchema, resolvers } from '../../../server/src/graphql/build-schema.js';
import { type FieldRule, objectFieldRules } from '../../../server/src/graphql/field-rules.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { type RootFieldRule, rootFieldRules } from '../../../server/src/graphql/root-fields.js';
import { ALL_SCOPES, Scope, scope, scopeOf } from '../../../server/src/graphql/scopes.js';

// Deny by default: walks whatever the schema contains, so resolvers added later are checked too.
let schema: GraphQLSchema;
let rootTypes: [RootFieldRule['operation'], GraphQLObjectType | null | undefined][];
let rules: RootFieldRule[];
let fieldRules: FieldRule[];
beforeAll(async () => {
  schema = await buildSchema();
  rootTypes = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ];
  rules = rootFieldRules(resolvers);
  fieldRules = objectFieldRules();
});

const fieldsOf = () =>
  rootTypes.flatMap(([operation, type]) => Object.values(type?.getFields() ?? {}).map((field) => ({ operation, field })));
const ruleOf = (operation: string, name: string) => rules.find((r) => r.operation === operation && r.name === name)?.roles ?? null;
const nestedRuleOf = (type: string, field: string) => fieldRules.find((r) => r.type === type && r.field === field)?.rule ?? null;

/** What a description says: "Roles: A, B." (or "all") and optionally "Scopes: x, y." (or "all"). */
function stated(description: string | null | undefined): string[] | null {
  const m = /Roles: (all|[A-Z_]+(?:, [A-Z_]+)*)\.(?: Scopes: (all|[a-z:-]+(?:, [a-z:-]+)*)\.)?/.exec(description ?? '');
  if (!m) return null;
  const roles = m[1] === 'all' ? [...USER_ROLES] : m[1]!.split(', ');
  const scopes = !m[2] ? [] : m[2] === 'all' ? ALL_SCOPES.map(scope) : m[2].split(', ').map((s) => scope(s as Scope));
  return [...roles, ...scopes].sort();
}

const principal = (roles: Role[], scopes: Scope[] = [], clientId?: string): Principal => ({ userId: 'u', practiceId: 'p', roles, scopes, clientId });

describe('every root field has an @Authorized rule', () => {
  it('finds the root fields (the walk itself works)', () => {
    const names = fieldsOf().map((f) => `${f.operation}.${f.field.name}`);
    expect(names).toContain('Query.patient');
    expect(names).toContain('Mutation.registerPatient');
  });

  it('no Query, Mutation or Subscription field lacks @Authorized, and none allows every caller', () => {
    const unguarded: string[] = [];
    for (const { operation, field } of fieldsOf()) {
      const rule = ruleOf(operation, field.name);
      // An empty role list means "any authenticated user": allowed only if stated on purpose in the description.
      if (!rule) unguarded.push(`${operation}.${field.name}`);
      else if (rule.length === 0 && !/Roles: any authenticated user/i.test(field.description ?? '')) unguarded.push(`${operation}.${field.name} (no roles)`);
    }
    expect(unguarded).toEqual([]);
  });

  it('names only user roles and known scopes (never PARTNER), and each description states exactly its rule', () => {
    const wrong: string[] = [];
    const check = (where: string, rule: string[], description: string | null | undefined) => {
      for (const entry of rule) {
        const s = scopeOf(entry);
        if (s ? !ALL_SCOPES.includes(s) : !(USER_ROLES as string[]).includes(entry)) wrong.push(`${where}: ${entry} is not a user role or a known scope`);
      }
      const said = stated(description);
      if (!said || said.join() !== [...rule].sort().join()) wrong.push(`${where}: description says ${said?.join(', ') ?? 'nothing'}, rule is ${rule.join(', ')}`);
    };
    for (const { operation, field } of fieldsOf()) {
      const rule = ruleOf(operation, field.name);
      if (rule?.length) check(`${operation}.${field.name}`, rule, field.description);
    }
    // Guarded nested fields say their rule too, so the SDK's docs show who reaches them.
    for (const r of fieldRules) {
      const field = (schema.getType(r.type) as GraphQLObjectType | undefined)?.getFields()[r.field];
      if (r.rule?.length && field) check(`${r.type}.${r.field}`, r.rule, field.description);
    }
    expect(wrong).toEqual([]);
  });
});

describe('partner scopes are walked like roles', () => {
  /** The root fields a principal may call. */
  const reach = (p: Principal) =>
    fieldsOf()
      .filter(({ operation, field }) => allows(p, ruleOf(operation, field.name) ?? ['nobody']))
      .map(({ operation, field }) => `${operation}.${field.name}`)
      .sort();
  const reference = ['Query.location', 'Query.locations', 'Query.payers', 'Query.provider', 'Query.providers'];

  it('a PARTNER token without scopes reaches no root field; ANALYST reaches only reference data and de-identified analytics', () => {
    expect(reach(principal([Role.PARTNER]))).toEqual([]);
    expect(reach(principal([Role.PARTNER], [], 'pc_x'))).toEqual([]);
    expect(reach(principal([Role.ANALYST]))).toEqual([...reference, 'Mutation.refreshAnalytics', 'Query.analytics'].sort());
  });

  it('nothing an ANALYST reaches returns a type holding identified data (no Patient, Appointment, Coverage… on any path)', () => {
    const analyst = principal([Role.ANALYST]);
    const identified = new Set(['Patient', 'Appointment', 'Coverage', 'EligibilityCheck', 'Recall', 'ReminderMessage', 'AuditEvent', 'Superbill', 'WaitlistEntry', 'Claim', 'LedgerEntry', 'Remittance', 'RemittanceClaim', 'Task', 'TaskEvent', 'Contact', 'Referral', 'ExternalProvider', 'Order', 'Document', 'LabResult', 'LabObservation', 'ResultNotice']);
    const reached = new Set<string>();
    const walk = (type: GraphQLObjectType) => {
      if (reached.has(type.name)) return;
      reached.add(type.name);
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const rule = nestedRuleOf(type.name, field.name);
        const target = getNamedType(field.type);
        if (isObjectType(target) && (!rule || allows(analyst, rule))) walk(target);
      }
    };
    for (const { operation, field } of fieldsOf()) {
      const target = getNamedType(field.type);
      if (allows(analyst, ruleOf(operation, field.name) ?? ['nobody']) && isObjectType(target)) walk(target);
    }
    expect(reached.has('Analytics')).toBe(true);
    expect(reached.has('VisitsRow')).toBe(true);
    expect(reached.has('DenialReasonsRow') && reached.has('PayerMixRow')).toBe(true);
    expect([...reached].filter((t) => identified.has(t))).toEqual([]);
    // No analytics row type has a field that could carry a patient's identity or an exact date.
    for (const name of reached) {
      if (!name.endsWith('Row')) continue;
      const fields = Object.keys((schema.getType(name) as GraphQLObjectType).getFields());
      expect(fields.filter((f) => /^patient(Id|Ids|Name)?$|mrn|birth|^date|At$|phone|email|address|member|^age(Years)?$/i.test(f)), name).toEqual([]);
    }
  });

  // Billing partners read coverages, checks, code sets, fees, the billing profile and superbills, and write
  // fee schedules and superbills; the billing profile and its facilities stay with PRACTICE_ADMIN.
  const BILLING_READS = ['Query.appeal', 'Query.appealLetter', 'Query.appeals', 'Query.billingProfile', 'Query.claim', 'Query.claimBatch', 'Query.claimBatches', 'Query.claimForm', 'Query.claims', 'Query.claimsNeedingFollowUp', 'Query.clearinghouseFiles', 'Query.coverage', 'Query.denials', 'Query.diagnosisCodes', 'Query.eligibilityChecks', 'Query.exportFeeScheduleCsv', 'Query.feeFor', 'Query.feeSchedules', 'Query.ledgerEntries', 'Query.paymentPlan', 'Query.paymentPlansWithMissedInstallments', 'Query.procedureCodes', 'Query.remittance', 'Query.remittances', 'Query.statement', 'Query.statementPdf', 'Query.statements', 'Query.superbill', 'Query.superbillPdf', 'Query.superbills', 'Query.unmatchedRemittances', 'Query.validateCodes'];
  const BILLING_WRITES = ['Mutation.addClaimNote', 'Mutation.assignClaim', 'Mutation.cancelPaymentPlan', 'Mutation.checkClaimStatus', 'Mutation.checkStaleClaimStatuses', 'Mutation.closeClaim', 'Mutation.correctSuperbill', 'Mutation.createAppeal', 'Mutation.createClaims', 'Mutation.createPaymentPlan', 'Mutation.createSecondaryClaim', 'Mutation.createSuperbill', 'Mutation.decideAppeal', 'Mutation.finalizeSuperbill', 'Mutation.generateStatements', 'Mutation.importFeeScheduleCsv', 'Mutation.pollClearinghouse', 'Mutation.postRemittance', 'Mutation.receiveClaimAcknowledgment', 'Mutation.replaceClaim', 'Mutation.reprocessClearinghouseFile', 'Mutation.scrubClaim', 'Mutation.setFollowUpDate', 'Mutation.submitAppeal', 'Mutation.submitClaims', 'Mutation.updateClaim', 'Mutation.updateSuperbill', 'Mutation.upsertFeeScheduleEntries', 'Mutation.voidClaim', 'Mutation.voidSuperbill', 'Mutation.withdrawAppeal'];

  it('each scope reaches exactly its root fields', () => {
    const expected: Record<Scope, string[]> = {
      [Scope.PATIENTS_READ_DEMOGRAPHICS]: ['Query.patient', 'Query.patients'],
      [Scope.PATIENTS_READ_CONTACT]: [],
      [Scope.SCHEDULING_READ]: ['Query.appointment', 'Query.appointmentStatusHistory', 'Query.appointmentType', 'Query.appointmentTypes', 'Query.availabilityExceptions', 'Query.availabilityRules', 'Query.availableSlots', 'Query.schedule', 'Subscription.appointmentChanged'],
      [Scope.ELIGIBILITY_READ]: ['Query.coverage', 'Query.eligibilityChecks'],
      [Scope.ELIGIBILITY_WRITE]: ['Mutation.verifyEligibility', 'Mutation.verifyEligibilityForDay', 'Query.coverage', 'Query.eligibilityChecks'],
      [Scope.BILLING_READ]: [...BILLING_READS],
      [Scope.BILLING_WRITE]: [...BILLING_READS, ...BILLING_WRITES],
      [Scope.REMINDERS_SEND]: ['Mutation.markReminderSent', 'Query.dueReminders'],
      // A lab interface only posts results over HTTP (/results/hl7, /results/fhir): no root field, not even reference data.
      [Scope.RESULTS_WRITE]: [],
    };
    for (const s of ALL_SCOPES) expect(reach(principal([Role.PARTNER], [s], 'pc_x')), s).toEqual(s === Scope.RESULTS_WRITE ? [] : [...reference, ...expected[s]].sort());
  });
});

describe('nested fields obey the rules of the root fields', () => {
  /** Types a Query root field returns (directly, in a list, or as a connection's nodes), with the union of those rules. */
  function homeRules(): Map<string, Set<string>> {
    const homes = new Map<string, Set<string>>();
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      let type: GraphQLNamedType = getNamedType(field.type);
      if (isObjectType(type) && type.getFields().edges) {
        const edge = getNamedType(type.getFields().edges!.type) as GraphQLObjectType;
        type = getNamedType(edge.getFields().node!.type);
      }
      if (!isObjectType(type)) continue;
      const set = homes.get(type.name) ?? new Set<string>();
      for (const entry of ruleOf('Query', field.name) ?? []) set.add(entry);
      homes.set(type.name, set);
    }
    return homes;
  }

  it('every path from a root field to a type that has a root query passes a guard no wider than that query', () => {
    const homes = homeRules();
    const leaks: string[] = [];
    let paths = 0;
    const walk = (type: GraphQLObjectType, guards: string[][], path: string[], seen: Set<string>) => {
      if (path.length > 8) return;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const rule = nestedRuleOf(type.name, field.name);
        const next = rule ? [...guards, rule] : guards;
        const target = getNamedType(field.type);
        if (!isObjectType(target) || seen.has(target.name)) continue;
        const home = homes.get(target.name);
        const here = [...path, field.name];
        paths++;
        // Someone reaching `target` here passed every guard; one of them must admit only callers of its root query.
        if (home && !next.some((g) => g.length > 0 && g.every((entry) => home.has(entry)))) leaks.push(`${here.join('.')} reaches ${target.name}`);
        walk(target, next, here, new Set([...seen, target.name]));
      }
    };
    for (const [operation, root] of rootTypes) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const target = getNamedType(field.type);
        const rule = ruleOf(operation, field.name) ?? [];
        if (isObjectType(target)) {
          const home = homes.get(target.name);
          paths++;
          if (home && operation !== 'Query' && !rule.every((entry) => home.has(entry))) leaks.push(`${operation}.${field.name} returns ${target.name}`);
          walk(target, [rule], [`${operation}.${field.name}`], new Set([target.name]));
        }
      }
    }
    expect(paths).toBeGreaterThan(200);
    expect(leaks).toEqual([]);
  });

  it('knows the home rule of the PHI types', () => {
    const homes = homeRules();
    for (const t of ['Patient', 'Appointment', 'Coverage', 'EligibilityCheck', 'Recall', 'ReminderMessage', 'AuditEvent', 'PatientPayment', 'Task', 'Contact', 'Referral', 'Order', 'Document']) expect(homes.has(t), t).toBe(true);
  });

  it('supplies: nested paths carry the rule of the root query of the type they reach', () => {
    const users = [...(ruleOf('Query', 'supplyItems') ?? [])].sort();
    const managers = [...(ruleOf('Query', 'suppliers') ?? [])].sort();
    expect(users).toEqual([Role.CLINICIAN, Role.FRONT_DESK, Role.PRACTICE_ADMIN].sort());
    expect(managers).toEqual([Role.FRONT_DESK, Role.PRACTICE_ADMIN].sort());
    // A clinician reads items and stock but never reaches a supplier through them.
    expect(nestedRuleOf('SupplyItem', 'preferredSupplier')?.sort()).toEqual(managers);
    expect(nestedRuleOf('PurchaseOrder', 'supplier')?.sort()).toEqual(managers);
    for (const [type, field] of [['SupplyStock', 'item'], ['SupplyStock', 'room'], ['SupplyMovement', 'item']]) expect(nestedRuleOf(type!, field!)?.sort(), `${type}.${field}`).toEqual(users);
    for (const [type, field] of [['PurchaseOrderLine', 'item'], ['SupplyLevelStatus', 'item'], ['SupplyReorderAlert', 'item']]) expect(nestedRuleOf(type!, field!)?.sort(), `${type}.${field}`).toEqual(managers);
    // Billers, analysts and partner clients reach no supply root field.
    const supplyFields = fieldsOf().filter(({ field }) => /suppl|purchaseOrder/i.test(field.name));
    expect(supplyFields.length).toBeGreaterThanOrEqual(20);
    for (const p of [principal([Role.BILLER]), principal([Role.ANALYST]), ...ALL_SCOPES.map((s) => principal([Role.PARTNER], [s], 'pc_x'))]) {
      expect(supplyFields.filter(({ operation, field }) => allows(p, ruleOf(operation, field.name) ?? ['nobody'])).map(({ field }) => field.name)).toEqual([]);
    }
  });

  it('imports: FRONT_DESK, BILLER and PRACTICE_ADMIN (each sees the targets its role may import, in the service), never CLINICIAN, ANALYST or partner clients', () => {
    const runners = [Role.BILLER, Role.FRONT_DESK, Role.PRACTICE_ADMIN].sort();
    const importFields = fieldsOf().filter(({ field }) => /^imports?$|^importProblems$|[iI]mportMapping/.test(field.name));
    expect(importFields.map(({ operation, field }) => `${operation}.${field.name}`).sort()).toEqual(['Mutation.saveImportMapping', 'Query.import', 'Query.importMappings', 'Query.importProblems', 'Query.imports']);
    for (const { operation, field } of importFields) expect(ruleOf(operation, field.name)?.sort(), field.name).toEqual(runners);
    for (const p of [principal([Role.CLINICIAN]), principal([Role.ANALYST]), ...ALL_SCOPES.map((s) => principal([Role.PARTNER], [s], 'pc_x'))]) {
      expect(importFields.filter(({ operation, field }) => allows(p, ruleOf(operation, field.name) ?? ['nobody'])).map(({ field }) => field.name)).toEqual([]);
    }
  });

  it('documents: staff by their job (a BILLER sees billing documents only, in the service), never ANALYST or partner clients; Patient.documents like Query.documents', () => {
    const staff = ['BILLER', 'CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN'];
    for (const root of ['document', 'documents']) expect(ruleOf('Query', root)?.sort(), root).toEqual(staff);
    expect(ruleOf('Mutation', 'markDocumentEnteredInError')?.sort()).toEqual(staff);
    expect(nestedRuleOf('Patient', 'documents')?.sort()).toEqual(staff);
    for (const [type, field] of [['Query', 'document'], ['Query', 'documents'], ['Mutation', 'markDocumentEnteredInError'], ['Patient', 'documents']]) {
      const description = (schema.getType(type!) as GraphQLObjectType).getFields()[field!]!.description ?? '';
      expect(description, `${type}.${field}`).toMatch(/BILLER sees and uploads only billing documents \(INSURANCE_CARD, PAYER_CORRESPONDENCE\)/);
    }
    const documentFields = fieldsOf().filter(({ field }) => /document/i.test(field.name));
    expect(documentFields).toHaveLength(4); // + attachAppealDocument
    for (const p of [principal([Role.ANALYST]), ...ALL_SCOPES.map((s) => principal([Role.PARTNER], [s], 'pc_x'))]) {
      expect(documentFields.filter(({ operation, field }) => allows(p, ruleOf(operation, field.name) ?? ['nobody'])).map(({ field }) => field.name)).toEqual([]);
      expect(allows(p, nestedRuleOf('Patient', 'documents') ?? ['nobody'])).toBe(false);
    }
  });

  it('appeal documents: billers and admins only (the document users among the appeal readers); partner clients and the front desk never', () => {
    for (const [type, field] of [['Mutation', 'attachAppealDocument'], ['Mutation', 'storeAppealLetter'], ['Appeal', 'documents']]) {
      const rule = type === 'Appeal' ? nestedRuleOf(type!, field!) : ruleOf(type!, field!);
      expect(rule?.sort(), `${type}.${field}`).toEqual(['BILLER', 'PRACTICE_ADMIN']);
      for (const p of [principal([Role.FRONT_DESK]), principal([Role.CLINICIAN]), principal([Role.ANALYST]), ...ALL_SCOPES.map((s) => principal([Role.PARTNER], [s], 'pc_x'))]) expect(allows(p, rule ?? ['nobody']), `${type}.${field}`).toBe(false);
    }
  });

  it('release of information: read by the front desk, clinicians and admins; recorded and sent by the front desk and admins; approved by admins; never BILLER, ANALYST or partners, nested too', () => {
    const readers = ['CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN'];
    for (const root of ['releaseRequest', 'releaseRequests', 'disclosures', 'releaseCoverSheet']) expect(ruleOf('Query', root)?.sort(), root).toEqual(readers);
    for (const root of ['createReleaseRequest', 'sendReleaseRequest']) expect(ruleOf('Mutation', root)?.sort(), root).toEqual(['FRONT_DESK', 'PRACTICE_ADMIN']);
    for (const root of ['approveReleaseRequest', 'denyReleaseRequest']) expect(ruleOf('Mutation', root), root).toEqual(['PRACTICE_ADMIN']);
    for (const field of ['patient', 'authorizationDocument']) expect(nestedRuleOf('ReleaseRequest', field)?.sort(), field).toEqual(readers);
    expect(homeRules().has('ReleaseRequest')).toBe(true);
    const releaseFields = fieldsOf().filter(({ field }) => /releaseRequest|releaseCoverSheet|disclosure/i.test(field.name));
    expect(releaseFields).toHaveLength(8);
    for (const p of [principal([Role.BILLER]), principal([Role.ANALYST]), ...ALL_SCOPES.map((s) => principal([Role.PARTNER], [s], 'pc_x'))]) {
      expect(releaseFields.filter(({ operation, field }) => allows(p, ruleOf(operation, field.name) ?? ['nobody'])).map(({ field }) => field.name)).toEqual([]);
    }
  });

  it('intake: forms by admins, links by the desk and admins, answers read and reviewed by the desk, clinicians and admins; Appointment.intake like the answers; never BILLER, ANALYST or partners', () => {
    const readers = ['CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN'];
    for (const root of ['intakeForms', 'intakeSubmission', 'intakeSubmissions']) expect(ruleOf('Query', root)?.sort(), root).toEqual(readers);
    for (const root of ['createIntakeForm', 'reviseIntakeForm']) expect(ruleOf('Mutation', root), root).toEqual(['PRACTICE_ADMIN']);
    expect(ruleOf('Mutation', 'sendIntakeForm')?.sort()).toEqual(['FRONT_DESK', 'PRACTICE_ADMIN']);
    expect(ruleOf('Mutation', 'reviewIntake')?.sort()).toEqual(readers);
    expect(nestedRuleOf('Appointment', 'intake')?.sort()).toEqual(readers);
    const intakeFields = fieldsOf().filter(({ field }) => /intake/i.test(field.name));
    expect(intakeFields).toHaveLength(7);
    for (const p of [principal([Role.BILLER]), principal([Role.ANALYST]), ...ALL_SCOPES.map((s) => principal([Role.PARTNER], [s], 'pc_x'))]) {
      expect(intakeFields.filter(({ operation, field }) => allows(p, ruleOf(operation, field.name) ?? ['nobody'])).map(({ field }) => field.name)).toEqual([]);
      expect(allows(p, nestedRuleOf('Appointment', 'intake') ?? ['nobody'])).toBe(false);
    }
  });

  it('the walk finds the paths the partner review named', () => {
    // Patient.appointments and Appointment.patient are guarded like Query.appointment and Query.patient.
    expect(nestedRuleOf('Patient', 'appointments')?.sort()).toEqual([...(ruleOf('Query', 'appointment') ?? [])].sort());
    expect(nestedRuleOf('Appointment', 'patient')?.sort()).toEqual([...(ruleOf('Query', 'patient') ?? [])].sort());
    expect(nestedRuleOf('Recall', 'patient')?.sort()).toEqual([...(ruleOf('Query', 'patient') ?? [])].sort());
    // Claims are read by the front desk, their appeals are not.
    expect(nestedRuleOf('Claim', 'appeals')?.sort()).toEqual([...(ruleOf('Query', 'appeals') ?? [])].sort());
    // The office's loops: a task's or a contact's patient is guarded like Query.patient; the lists are staff-only.
    for (const type of ['Task', 'Contact', 'Referral', 'Order']) expect(nestedRuleOf(type, 'patient')?.sort(), type).toEqual([...(ruleOf('Query', 'patient') ?? [])].sort());
    for (const root of ['task', 'myTasks', 'taskQueue', 'contact', 'contacts']) expect(ruleOf('Query', root)?.sort(), root).toEqual(['BILLER', 'CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN']);
    for (const root of ['createTask', 'updateTaskStatus', 'claimTask', 'reassignTask', 'commentOnTask', 'logContact']) expect(ruleOf('Mutation', root)?.sort(), root).toEqual(['BILLER', 'CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN']);
    expect(ruleOf('Subscription', 'taskChanged')?.sort()).toEqual(['BILLER', 'CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN']);
    // Referrals: read by staff, written by the front desk and clinicians; the directory also by admins.
    for (const root of ['referral', 'referrals', 'referralsAwaitingScheduling', 'referralsAwaitingReport', 'referralAuthorizationsExpiring', 'referralLetter', 'externalProviders']) expect(ruleOf('Query', root)?.sort(), root).toEqual(['BILLER', 'CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN']);
    for (const root of ['createReferral', 'updateReferralAuthorization', 'moveReferral', 'receiveReferral', 'createOverdueReferralTasks']) expect(ruleOf('Mutation', root)?.sort(), root).toEqual(['CLINICIAN', 'FRONT_DESK']);
    for (const root of ['createExternalProvider', 'updateExternalProvider']) expect(ruleOf('Mutation', root)?.sort(), root).toEqual(['CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN']);
    // Orders: placed by clinicians, moved by the front desk and clinicians (reviewing takes a CLINICIAN), read by staff.
    for (const root of ['order', 'openOrders']) expect(ruleOf('Query', root)?.sort(), root).toEqual(['BILLER', 'CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN']);
    expect(ruleOf('Mutation', 'placeOrder')).toEqual(['CLINICIAN']);
    for (const root of ['moveOrder', 'createOverdueOrderTasks']) expect(ruleOf('Mutation', root)?.sort(), root).toEqual(['CLINICIAN', 'FRONT_DESK']);
    // Reverse fields of the loops (issue 16) carry the rule of the root query of the type they reach.
    for (const [type, field, root] of [['Patient', 'referrals', 'referrals'], ['Patient', 'orders', 'openOrders'], ['Appointment', 'orders', 'openOrders'], ['Patient', 'tasks', 'taskQueue']] as const) {
      expect(nestedRuleOf(type, field)?.sort(), `${type}.${field}`).toEqual([...(ruleOf('Query', root) ?? [])].sort());
    }
  });

  it('lab results: values for CLINICIAN and PRACTICE_ADMIN, that one arrived also for FRONT_DESK, review by CLINICIAN; never BILLER, ANALYST or a partner', () => {
    const readers = ['CLINICIAN', 'PRACTICE_ADMIN'];
    for (const root of ['labResult', 'labResults', 'unmatchedResults']) expect(ruleOf('Query', root)?.sort(), root).toEqual(readers);
    // The lists are connections; their nodes carry the rules of the nested fields checked below.
    for (const [root, type] of [['labResults', 'LabResultConnection'], ['unmatchedResults', 'LabResultConnection'], ['resultNotices', 'ResultNoticeConnection']]) expect(getNamedType(fieldsOf().find(({ operation, field }) => operation === 'Query' && field.name === root)!.field.type).name, root).toBe(type);
    expect(ruleOf('Query', 'resultNotices')?.sort()).toEqual(['CLINICIAN', 'FRONT_DESK', 'PRACTICE_ADMIN']);
    for (const root of ['receiveLabMessage', 'releaseResult', 'matchResult']) expect(ruleOf('Mutation', root)?.sort(), root).toEqual(readers);
    expect(ruleOf('Mutation', 'reviewResult')).toEqual(['CLINICIAN']);
    expect(ruleOf('Query', 'patientSummary')?.sort()).toEqual(readers);
    expect(nestedRuleOf('LabResult', 'observations')?.sort()).toEqual(readers);
    expect(nestedRuleOf('LabResult', 'patient')?.sort()).toEqual([...(ruleOf('Query', 'patient') ?? [])].sort());
    const resultFields = fieldsOf().filter(({ field }) => /result/i.test(field.name));
    expect(resultFields).toHaveLength(7);
    for (const p of [principal([Role.BILLER]), principal([Role.ANALYST]), ...ALL_SCOPES.map((s) => principal([Role.PARTNER], [s], 'pc_x'))]) {
      expect(resultFields.filter(({ operation, field }) => allows(p, ruleOf(operation, field.name) ?? ['nobody'])).map(({ field }) => field.name)).toEqual([]);
    }
  });
});
