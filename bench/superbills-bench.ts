import type { Sql } from 'postgres';

/** The superbills page both servers answer: 50 newest superbills up to a date, with lines, diagnoses, patient and provider. */
export const SUPERBILLS_QUERY = `query Superbills($to: LocalDate!) {
  superbills(first: 50, filter: { to: $to }) { edges { node {
    id number status dateOfService totalCharge copayCollected
    diagnoses { pointer code }
    lines { code modifiers units charge diagnosisPointers }
    patient { id mrn legalName { given family } }
    renderingProvider { id givenName familyName } } } } }`;

/**
 * Gives the run copy of the bench database superbills when it has none: one per past COMPLETED-or-booked
 * appointment up to `count`, two diagnoses and two lines each, most FINALIZED — five statements.
 */
export async function ensureBenchSuperbills(sql: Sql, practiceId: string, count: number): Promise<number> {
  const [{ n }] = (await sql`select count(*)::int as n from superbills where practice_id = ${practiceId}`) as unknown as [{ n: number }];
  if (n > 0) return n;
  await sql`insert into superbills (practice_id, status, appointment_id, patient_id, rendering_provider_id, location_id, billing_provider, date_of_service, place_of_service_code, total_charge_cents, copay_collected_cents, created_by)
    select a.practice_id, 'DRAFT', a.id, a.patient_id, a.provider_id, a.location_id, '{"name":"Bench Medical Group","tin":"990000001","npi":"1234567893","address":null}'::jsonb,
           (a.starts_at at time zone 'America/New_York')::date, a.place_of_service_code, 15500, 2500, 'bench'
      from appointments a where a.practice_id = ${practiceId} and a.starts_at < now() and a.active
     order by a.starts_at desc limit ${count}`;
  await sql`insert into superbill_diagnoses (practice_id, superbill_id, position, code, description)
    select s.practice_id, s.id, d.position, d.code, d.description from superbills s
     cross join (values (1, 'E119', 'Type 2 diabetes mellitus without complications'), (2, 'I10', 'Essential (primary) hypertension')) d(position, code, description)
     where s.practice_id = ${practiceId}`;
  await sql`insert into superbill_lines (practice_id, superbill_id, position, code, modifiers, units, unit_fee_cents, charge_cents, schedule_fee_cents, diagnosis_pointers)
    select s.practice_id, s.id, l.position, l.code, l.modifiers, 1, l.fee, l.fee, l.fee, l.pointers from superbills s
     cross join (values (1, '99213', array['25'], 13000, array[1, 2]), (2, '36415', array[]::text[], 2500, array[1])) l(position, code, modifiers, fee, pointers)
     where s.practice_id = ${practiceId}`;
  await sql`update superbills set status = 'FINALIZED', finalized_at = now(), finalized_by = 'bench' where practice_id = ${practiceId} and number % 10 <> 0`;
  await sql`analyze superbills`;
  await sql`analyze superbill_lines`;
  await sql`analyze superbill_diagnoses`;
  return count;
}

/**
 * The floor for the superbills page: ONE hand-written statement building the whole response (json_agg
 * over the keyset page, correlated subqueries for lines, diagnoses, patient and provider).
 * @returns the response body as text
 */
export async function superbillsFloor(sql: Sql, practiceId: string, to: string): Promise<string> {
  const [row] = await sql`
    select json_build_object('data', json_build_object('superbills', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
             'id', s.id, 'number', s.number::text, 'status', s.status, 'dateOfService', s.date_of_service, 'totalCharge', s.total_charge_cents, 'copayCollected', s.copay_collected_cents,
             'diagnoses', (select coalesce(json_agg(json_build_object('pointer', chr(64 + d.position), 'code', case when length(d.code) > 3 then substr(d.code, 1, 3) || '.' || substr(d.code, 4) else d.code end) order by d.position), '[]')
                             from superbill_diagnoses d where d.superbill_id = s.id),
             'lines', (select coalesce(json_agg(json_build_object('code', l.code, 'modifiers', l.modifiers, 'units', l.units, 'charge', l.charge_cents,
                                                               'diagnosisPointers', (select json_agg(chr(64 + p)) from unnest(l.diagnosis_pointers) p)) order by l.position), '[]')
                         from superbill_lines l where l.superbill_id = s.id),
             'patient', (select json_build_object('id', p.id, 'mrn', p.mrn, 'legalName', json_build_object('given', p.given_name, 'family', p.family_name)) from patients p where p.id = s.patient_id),
             'renderingProvider', (select json_build_object('id', pr.id, 'givenName', pr.given_name, 'familyName', pr.family_name) from providers pr where pr.id = s.rendering_provider_id)))
           order by s.date_of_service desc, s.number desc, s.id desc), '[]'))))::text as body
      from (select * from superbills where practice_id = ${practiceId} and date_of_service <= ${to}::date
             order by date_of_service desc, number desc, id desc limit 50) s`;
  return (row as { body: string }).body;
}
