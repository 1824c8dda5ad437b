import type { Sql } from 'postgres';

/** The claims page both servers answer: 50 newest claims up to a date, with lines, payer, patient and the last status change. */
export const CLAIMS_QUERY = `query Claims($to: LocalDate!) {
  claims(first: 50, filter: { dateOfServiceTo: $to }) { edges { node {
    id number status dateOfService totalCharge
    lines { lineNumber code modifiers units charge diagnosisPointers }
    payer { id name }
    patient { id mrn legalName { given family } }
    lastStatusChange { to reason changedAt } } } } }`;

// The path a bench claim walks: claim number % 5 says how far (DRAFT … PAID), one history row a step.
const PATH = ['DRAFT', 'READY', 'SUBMITTED', 'ACCEPTED', 'PAID'];

/**
 * Gives the run copy of the bench database claims when it has none: one per FINALIZED superbill to the
 * patient's primary coverage, its snapshot built from the superbill (lines, diagnoses, billing
 * provider, subscriber), in statuses DRAFT to PAID with one history row per step — three statements.
 * Needs the bench superbills and coverages.
 * @returns how many claims there are
 */
export async function ensureBenchClaims(sql: Sql, practiceId: string): Promise<number> {
  const [{ n }] = (await sql`select count(*)::int as n from claims where practice_id = ${practiceId}`) as unknown as [{ n: number }];
  if (n > 0) return n;
  await sql`insert into claims (practice_id, number, patient_account_number, superbill_id, patient_id, payer_id, coverage_id, rendering_provider_id, location_id, status,
                                date_of_service, total_charge_cents, snapshot, created_by)
    select s.practice_id, k.number, 'C' || lpad(k.number::text, 7, '0'), s.id, s.patient_id, c.payer_id, c.id, s.rendering_provider_id, s.location_id,
           (${PATH}::text[])[1 + k.number % 5], s.date_of_service, s.total_charge_cents,
           jsonb_build_object(
             'billingProvider', s.billing_provider || '{"taxonomyCode":null,"phone":"5185550100"}'::jsonb,
             'subscriber', jsonb_build_object('memberId', c.member_id, 'groupNumber', null, 'groupName', null, 'claimFilingIndicator', 'CI',
                                              'name', jsonb_build_object('given', p.given_name, 'middle', null, 'family', p.family_name), 'dateOfBirth', p.date_of_birth, 'sex', 'U', 'address', null),
             'patient', jsonb_build_object('id', p.id, 'name', jsonb_build_object('given', p.given_name, 'middle', null, 'family', p.family_name), 'dateOfBirth', p.date_of_birth,
                                           'sex', 'U', 'address', null, 'phone', null, 'relationshipToSubscriber', '18'),
             'renderingProvider', jsonb_build_object('npi', pr.npi, 'name', jsonb_build_object('given', pr.given_name, 'middle', null, 'family', pr.family_name), 'taxonomyCode', pr.taxonomy_code),
             'referringProvider', null, 'placeOfServiceCode', s.place_of_service_code, 'patientPaidCents', s.copay_collected_cents,
             'priorAuthorizationNumber', null, 'originalPayerClaimNumber', null,
             'diagnoses', (select jsonb_agg(d.code order by d.position) from superbill_diagnoses d where d.superbill_id = s.id),
             'lines', (select jsonb_agg(jsonb_build_object('position', l.position, 'code', l.code, 'modifiers', to_jsonb(l.modifiers), 'units', l.units, 'chargeCents', l.charge_cents,
                                                           'diagnosisPointers', to_jsonb(l.diagnosis_pointers), 'dateOfService', s.date_of_service, 'placeOfServiceCode', null, 'description', l.description)
                                        order by l.position) from superbill_lines l where l.superbill_id = s.id)),
           'bench'
      from superbills s
      join patients p on p.id = s.patient_id
      join providers pr on pr.id = s.rendering_provider_id
      join coverages c on c.patient_id = s.patient_id and c.coverage_order = 'PRIMARY'
      join (select id, nextval('claim_number_seq') as number from superbills where practice_id = ${practiceId} and status = 'FINALIZED') k on k.id = s.id`;
  await sql`insert into claim_status_history (practice_id, claim_id, from_status, to_status, revision, source, reason, changed_by, changed_at)
    select c.practice_id, c.id, (${PATH}::text[])[j - 1], (${PATH}::text[])[j], 1, case when j = 1 then 'USER' else 'SYSTEM' end,
           case when j = 1 then 'created' end, 'bench', c.date_of_service + j * interval '1 day'
      from claims c cross join lateral generate_series(1, array_position(${PATH}::text[], c.status)) j
     where c.practice_id = ${practiceId}
     order by c.id, j`;
  await sql`analyze claims`;
  await sql`analyze claim_status_history`;
  const [{ m }] = (await sql`select count(*)::int as m from claims where practice_id = ${practiceId}`) as unknown as [{ m: number }];
  return m;
}

/**
 * The floor for the claims page: ONE hand-written statement building the whole response (json_agg over
 * the keyset page, correlated subqueries for the snapshot's lines, payer, patient and the newest history row).
 * @returns the response body as text
 */
export async function claimsFloor(sql: Sql, practiceId: string, to: string): Promise<string> {
  const [row] = await sql`
    select json_build_object('data', json_build_object('claims', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
             'id', c.id, 'number', c.number::text, 'status', c.status, 'dateOfService', c.date_of_service, 'totalCharge', c.total_charge_cents,
             'lines', (select coalesce(json_agg(json_build_object('lineNumber', (x.l->>'position')::int, 'code', x.l->>'code', 'modifiers', x.l->'modifiers', 'units', (x.l->>'units')::int,
                                                               'charge', (x.l->>'chargeCents')::int,
                                                               'diagnosisPointers', (select coalesce(json_agg(chr(64 + u.p::int) order by u.o), '[]') from jsonb_array_elements_text(x.l->'diagnosisPointers') with ordinality u(p, o)))
                                        order by x.o), '[]')
                         from jsonb_array_elements(c.snapshot->'lines') with ordinality x(l, o)),
             'payer', (select json_build_object('id', py.id, 'name', py.name) from payers py where py.id = c.payer_id),
             'patient', (select json_build_object('id', p.id, 'mrn', p.mrn, 'legalName', json_build_object('given', p.given_name, 'family', p.family_name)) from patients p where p.id = c.patient_id),
             'lastStatusChange', (select json_build_object('to', h.to_status, 'reason', h.reason, 'changedAt', h.changed_at) from claim_status_history h where h.claim_id = c.id order by h.seq desc limit 1)))
           order by c.date_of_service desc, c.number desc, c.id desc), '[]'))))::text as body
      from (select * from claims where practice_id = ${practiceId} and date_of_service <= ${to}::date
             order by date_of_service desc, number desc, id desc limit 50) c`;
  return (row as { body: string }).body;
}
