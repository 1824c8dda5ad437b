import { createServer } from 'node:http';
import postgres from 'postgres';
import { patientsFloor } from './patients-bench.js';
import { bookingFloor } from './booking-bench.js';
import { superbillsFloor } from './superbills-bench.js';
import { claimsFloor } from './claims-bench.js';
import { remittancesFloor } from './remittances-bench.js';

/**
 * The practical floor: the same day view as the API's `schedule` query, answered by ONE hand-written
 * SQL statement that builds the whole response JSON (json_agg) and is passed through as text. No auth,
 * no GraphQL: the cost of the database plus the thinnest possible Node layer. POST /superbills answers
 * the superbills page the same way (bench/superbills-bench.ts), POST /patients the patients page with
 * coverages (bench/patients-bench.ts), POST /claims the claims page (bench/claims-bench.ts), POST /remittances the remittances page (bench/remittances-bench.ts); POST /book books as bookAppointment does, in one statement
 * (bench/booking-bench.ts).
 */
// The API's driver settings (server/src/db/client.ts): named prepared statements, each execution planned
// for its own values (a cached generic plan cannot see the day bounds and scans far more rows).
const sql = postgres(process.env.BENCH_DATABASE_URL!, { max: 10, prepare: true, onnotice: () => {}, connection: { TimeZone: 'UTC', plan_cache_mode: 'force_custom_plan' } });
const practiceId = process.env.BENCH_PRACTICE_ID!;

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', async () => {
    try {
      if (req.url?.startsWith('/book')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(await bookingFloor(sql, practiceId, body));
        return;
      }
      if (req.url?.startsWith('/superbills')) {
        const { variables: v } = JSON.parse(body) as { variables: { to: string } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(await superbillsFloor(sql, practiceId, v.to));
        return;
      }
      if (req.url?.startsWith('/claims')) {
        const { variables: v } = JSON.parse(body) as { variables: { to: string } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(await claimsFloor(sql, practiceId, v.to));
        return;
      }
      if (req.url?.startsWith('/remittances')) {
        const { floorAfter } = JSON.parse(body) as { floorAfter: { postedAt: string; id: string } | null };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(await remittancesFloor(sql, practiceId, floorAfter));
        return;
      }
      if (req.url?.startsWith('/patients')) {
        const { variables: v } = JSON.parse(body) as { variables: { after: string | null } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(await patientsFloor(sql, practiceId, v.after));
        return;
      }
      const { variables } = JSON.parse(body) as { variables: { locationId: string; date: string } };
      // Patient, provider and type as correlated subqueries: primary-key lookups per row whatever the
      // planner estimates for the zone-computed day bounds (a hash join would scan all patients).
      const [row] = await sql`
        select json_build_object('data', json_build_object('schedule', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
                 'id', a.id, 'startsAt', a.starts_at, 'endsAt', a.ends_at, 'status', a.status, 'modality', a.modality,
                 'checkIn', a.check_in,
                 'patient', (select json_build_object('id', p.id, 'mrn', p.mrn, 'dateOfBirth', p.date_of_birth,
                                              'legalName', json_build_object('given', p.given_name, 'family', p.family_name),
                                              'phones', (select coalesce(json_agg(json_build_object('number', ph->>'number')), '[]') from jsonb_array_elements(p.phones) ph))
                               from patients p where p.id = a.patient_id),
                 'provider', (select json_build_object('id', pr.id, 'givenName', pr.given_name, 'familyName', pr.family_name) from providers pr where pr.id = a.provider_id),
                 'appointmentType', (select json_build_object('id', t.id, 'name', t.name) from appointment_types t where t.id = a.appointment_type_id)))
               order by a.starts_at, a.id), '[]'))))::text as body
          from locations l
          join appointments a on a.practice_id = ${practiceId} and a.location_id = l.id and a.active
           and a.starts_at >= (${variables.date}::date::timestamp at time zone l.time_zone)
           and a.starts_at < ((${variables.date}::date + 1)::timestamp at time zone l.time_zone)
         where l.practice_id = ${practiceId} and l.id = ${variables.locationId}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(row!.body);
    } catch (err) {
      res.writeHead(500);
      res.end(String((err as Error).message));
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('SIGTERM', async () => {
  server.close();
  await sql.end();
  process.exit(0);
});
