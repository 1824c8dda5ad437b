import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orders } from '../db/schema/orders.js';
import { patients } from '../db/schema/patients.js';
import { Role } from '../graphql/roles.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { parseOru } from '../modules/results/hl7-oru.parse.js';
import { storeLabMessage } from '../modules/results/result-intake.service.js';
import { demoId } from './synthetic.js';

const ts = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dob = (d: string) => d.replace(/-/g, '');

/**
 * Lab results for the demo office, received the way a lab interface sends them (HL7 v2 ORU^R01 through the
 * same intake): a normal panel, a critical potassium answering the demo's collected glucose order (the order
 * moves to RESULTED and the clinicians get an urgent task), a preliminary report and its correction (two
 * versions), and one result for a patient the office does not know (the unmatched queue). Control ids are
 * fixed, so a second run stores nothing (duplicates).
 * @returns how many reports this call stored
 */
export async function seedDemoResults(db: Db, practiceId: string, now: Date): Promise<number> {
  const people = await db.select().from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.status, 'ACTIVE'))).orderBy(asc(patients.mrn)).offset(40).limit(2);
  const [order] = await db.select().from(orders).where(and(eq(orders.practiceId, practiceId), eq(orders.id, demoId(practiceId, 'order-4'))));
  const [orderPatient] = order ? await db.select().from(patients).where(eq(patients.id, order.patientId)) : [];
  if (people.length < 2 || !order || !orderPatient) return 0;
  const at = ts(new Date(now.getTime() - 6 * 3600_000));
  const msh = (control: string) => `MSH|^~\\&|DEMO LIS|Example Reference Lab (Demo)|MEDOFFICE|DEMO OFFICE|${at}+0000||ORU^R01^ORU_R01|${control}|P|2.5.1`;
  const pid = (p: typeof orderPatient) => `PID|1||${p.mrn}^^^DEMO^MR||${p.familyName}^${p.givenName}||${dob(p.dateOfBirth)}`;
  const messages = [
    [msh('DEMO-RES-1'), pid(people[0]!), 'OBR|1||DEMO-F-1|24320-4^Basic metabolic panel^LN|||' + at + '+0000|||||||||||||||' + at + '+0000|||F', 'OBX|1|NM|2951-2^Sodium^LN||140|mmol/L|136-145|N|||F', 'OBX|2|NM|2823-3^Potassium^LN||4.2|mmol/L|3.5-5.1|N|||F', 'OBX|3|NM|2160-0^Creatinine^LN||0.9|mg/dL|0.6-1.2|N|||F'],
    [msh('DEMO-RES-2'), pid(orderPatient), `OBR|1|${order.id}|DEMO-F-2|2345-7^Glucose^LN|||${at}+0000|||||||||||||||${at}+0000|||F`, 'OBX|1|NM|2345-7^Glucose^LN||312|mg/dL|70-99|HH|||F', 'OBX|2|NM|2823-3^Potassium^LN||6.4|mmol/L|3.5-5.1|HH|||F'],
    [msh('DEMO-RES-3'), pid(people[1]!), `OBR|1||DEMO-F-3|57021-8^CBC W Auto Differential panel in Blood^LN|||${at}+0000|||||||||||||||${at}+0000|||P`, 'OBX|1|NM|718-7^Hemoglobin^LN||10.9|g/dL|12.0-16.0|L|||P'],
    [msh('DEMO-RES-4'), pid(people[1]!), `OBR|1||DEMO-F-3|57021-8^CBC W Auto Differential panel in Blood^LN|||${at}+0000|||||||||||||||${at}+0000|||C`, 'OBX|1|NM|718-7^Hemoglobin^LN||11.4|g/dL|12.0-16.0|L|||C'],
    [msh('DEMO-RES-5'), 'PID|1||OUTSIDE-0042^^^OTHER^MR||Unknown^Demo||19700101', `OBR|1||DEMO-F-5|4548-4^Hemoglobin A1c^LN|||${at}+0000|||||||||||||||${at}+0000|||F`, 'OBX|1|NM|4548-4^Hemoglobin A1c^LN||6.1|%|4.0-5.6|H|||F'],
  ];
  const principal = { userId: 'demo-lab-interface', practiceId, roles: [Role.CLINICIAN] };
  let stored = 0;
  for (const lines of messages) {
    const raw = lines.join('\r');
    const out = await storeLabMessage(db, principal, new AuditTrail(principal, 'demo-seed', 'seed demo results'), parseOru(raw).parsed, raw);
    if (!out.duplicate) stored += out.results.length;
  }
  return stored;
}
