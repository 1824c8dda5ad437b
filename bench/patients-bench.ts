import type { Sql } from 'postgres';

/** The patients page both servers answer: 50 patients after a cursor (name order), with name, DOB, MRN and coverages. */
export const PATIENTS_QUERY = `query Patients($after: String) {
  patients(first: 50, after: $after) { edges { node {
    id mrn dateOfBirth legalName { given family }
    coverages { id order memberId payerId effectiveDate endDate } } } } }`;

/** The cursor the API issues for a patient of the name order (base64url of [family, given, id]). */
export const patientCursor = (key: [string, string, string]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/**
 * Gives the run copy of the bench database coverages when it has none: three payers, a PRIMARY coverage
 * for every patient and an ended SECONDARY one (with a subscriber) for every third — four statements.
 * @returns how many coverages there are
 */
export async function ensureBenchCoverages(sql: Sql, practiceId: string): Promise<number> {
  const [{ n }] = (await sql`select count(*)::int as n from coverages where practice_id = ${practiceId}`) as unknown as [{ n: number }];
  if (n > 0) return n;
  await sql`insert into payers (practice_id, name, edi_payer_id, payer_type)
    select ${practiceId}, 'Bench Payer ' || i, 'BP' || i, 'COMMERCIAL' from generate_series(1, 3) i`;
  await sql`insert into coverages (practice_id, patient_id, payer_id, member_id, subscriber_relationship, coverage_order, effective_date, copay_cents)
    select p.practice_id, p.id, (select id from payers where practice_id = ${practiceId} order by name limit 1), 'W' || p.mrn, 'SELF', 'PRIMARY', date '2025-01-01', 2500
      from patients p where p.practice_id = ${practiceId}`;
  await sql`insert into coverages (practice_id, patient_id, payer_id, member_id, subscriber_relationship, subscriber, coverage_order, effective_date, end_date)
    select p.practice_id, p.id, (select id from payers where practice_id = ${practiceId} order by name desc limit 1), 'S' || p.mrn, 'SPOUSE',
           '{"given":"Bench","family":"Spouse","dateOfBirth":"1970-01-01","sex":"FEMALE"}'::jsonb, 'SECONDARY', date '2024-01-01', date '2025-06-30'
      from patients p where p.practice_id = ${practiceId} and right(p.mrn, 1) in ('0', '3', '6')`;
  await sql`analyze coverages`;
  const [{ m }] = (await sql`select count(*)::int as m from coverages where practice_id = ${practiceId}`) as unknown as [{ m: number }];
  return m;
}

/**
 * The floor for the patients page: ONE hand-written statement building the whole response (json_agg over
 * the keyset page by row comparison, a correlated subquery for the coverages in COB order).
 * @param after - the API's cursor, or null for the first page
 * @returns the response body as text
 */
export async function patientsFloor(sql: Sql, practiceId: string, after: string | null): Promise<string> {
  const [family, given, id] = after ? (JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string, string]) : ['', '', '00000000-0000-0000-0000-000000000000'];
  const [row] = await sql`
    select json_build_object('data', json_build_object('patients', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
             'id', p.id, 'mrn', p.mrn, 'dateOfBirth', p.date_of_birth, 'legalName', json_build_object('given', p.given_name, 'family', p.family_name),
             'coverages', (select coalesce(json_agg(json_build_object('id', c.id, 'order', c.coverage_order, 'memberId', c.member_id, 'payerId', c.payer_id,
                                                                       'effectiveDate', c.effective_date, 'endDate', c.end_date)
                                                    order by case c.coverage_order when 'PRIMARY' then 1 when 'SECONDARY' then 2 else 3 end, c.effective_date, c.id), '[]')
                             from coverages c where c.patient_id = p.id and c.practice_id = p.practice_id)))
           order by p.family_name, p.given_name, p.id), '[]'))))::text as body
      from (select * from patients where practice_id = ${practiceId} and (family_name, given_name, id) > (${family}, ${given}, ${id}::uuid)
             order by family_name, given_name, id limit 50) p`;
  return (row as { body: string }).body;
}
