import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { documents } from '../../db/schema/documents.js';
import { coverages, payers } from '../../db/schema/insurance.js';
import { patients } from '../../db/schema/patients.js';
import { labObservations, labResults } from '../../db/schema/results.js';
import { appointments } from '../../db/schema/scheduling.js';

/** Everything a patient summary holds, read in five statements (in parallel). */
export async function readSummarySources(db: Db, practiceId: string, patientId: string) {
  const [patient, cover, visits, docs, observations] = await Promise.all([
    db.select().from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.id, patientId))),
    db.select({ c: coverages, payerName: payers.name }).from(coverages).innerJoin(payers, eq(payers.id, coverages.payerId)).where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, patientId))).orderBy(asc(coverages.coverageOrder)),
    db.select().from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.patientId, patientId))).orderBy(desc(appointments.startsAt)).limit(100),
    db
      .select({ id: documents.id, type: documents.type, title: documents.title, documentDate: documents.documentDate, mediaType: documents.mediaType, sizeBytes: documents.sizeBytes, sha256: documents.sha256, createdAt: documents.createdAt })
      .from(documents)
      .where(and(eq(documents.practiceId, practiceId), eq(documents.patientId, patientId), isNull(documents.supersededById), isNull(documents.enteredInErrorAt))),
    db
      .select({ o: labObservations, resultId: labResults.id, effectiveAt: labResults.effectiveAt, issuedAt: labResults.issuedAt })
      .from(labObservations)
      .innerJoin(labResults, eq(labResults.id, labObservations.resultId))
      .where(and(eq(labResults.practiceId, practiceId), eq(labResults.patientId, patientId), eq(labResults.current, true), inArray(labObservations.status, ['FINAL', 'CORRECTED', 'PRELIMINARY'])))
      .orderBy(desc(labResults.receivedAt), asc(labObservations.position))
      .limit(500),
  ]);
  return { patient: patient[0] ?? null, coverages: cover, appointments: visits, documents: docs, observations };
}

export type SummarySources = Awaited<ReturnType<typeof readSummarySources>>;
