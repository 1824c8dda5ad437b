import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

export enum ResultInterpretation {
  NORMAL = 'NORMAL',
  ABNORMAL = 'ABNORMAL',
  CRITICAL = 'CRITICAL',
}
registerEnumType(ResultInterpretation, { name: 'ResultInterpretation', description: 'NORMAL, ABNORMAL (any flag but N), or CRITICAL (LL, HH, AA, <, >).' });

export enum LabMessageFormat {
  HL7V2 = 'HL7V2',
  FHIR = 'FHIR',
}
registerEnumType(LabMessageFormat, { name: 'LabMessageFormat', description: 'HL7 v2 ORU^R01 (2.3–2.5.1) or a FHIR R4 Bundle of DiagnosticReport + Observation (JSON).' });

@ObjectType({ description: 'One observation of a lab result, as the lab sent it.' })
export class LabObservation {
  @Field(() => String, { description: 'LOINC (or the lab\'s local code) as text.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'LN for LOINC, else the lab\'s coding system.' }) codeSystem!: string | null;
  @Field(() => String, { nullable: true }) display!: string | null;
  @Field(() => String, { nullable: true, description: 'HL7 value type (NM, ST, CWE, SN…) or FHIR value[x] kind.' }) valueType!: string | null;
  @Field(() => String, { nullable: true, description: 'The value as text (coded values by their text).' }) value!: string | null;
  @Field(() => String, { nullable: true }) units!: string | null;
  @Field(() => String, { nullable: true }) referenceRange!: string | null;
  @Field(() => String, { nullable: true, description: 'HL7 table 0078 flag as sent (N, L, H, LL, HH, A, AA…).' }) abnormalFlag!: string | null;
  @Field(() => ResultInterpretation) interpretation!: ResultInterpretation;
  @Field(() => String, { description: 'PRELIMINARY, FINAL, CORRECTED, PENDING, CANCELLED or ENTERED_IN_ERROR.' }) status!: string;
  @Field(() => DateTimeScalar, { nullable: true }) observedAt!: Date | null;
}

@ObjectType({ description: 'What the lab sent about the patient (shown in the unmatched queue to match by hand).' })
export class SentPatient {
  @Field(() => String, { nullable: true }) mrn!: string | null;
  @Field(() => String, { nullable: true }) givenName!: string | null;
  @Field(() => String, { nullable: true }) familyName!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) dateOfBirth!: string | null;
}

@ObjectType({ description: 'A lab report (HL7 OBR or FHIR DiagnosticReport) with its observations. A correction is a new version; the old one stays readable.' })
export class LabResult {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Optimistic-lock version (expectedVersion of review/release/match).' }) version!: number;
  @Field(() => ID, { nullable: true, description: 'Null while it waits in the unmatched queue.' }) patientId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The order it answers (placer order number).' }) orderId!: string | null;
  @Field(() => ID, { nullable: true }) orderingProviderId!: string | null;
  @Field(() => String, { nullable: true }) placerOrderNumber!: string | null;
  @Field(() => String, { nullable: true }) fillerOrderNumber!: string | null;
  @Field(() => String, { description: 'The report code (LOINC when sent).' }) code!: string;
  @Field(() => String, { nullable: true }) codeSystem!: string | null;
  @Field(() => String, { nullable: true }) display!: string | null;
  @Field(() => String, { description: 'PRELIMINARY, FINAL or CORRECTED.' }) status!: string;
  @Field(() => Int, { description: '1, then +1 per correction.' }) revision!: number;
  @Field(() => ID, { nullable: true, description: 'The version this one corrects.' }) supersedesId!: string | null;
  @Field(() => Boolean, { description: 'False once a later version superseded it.' }) current!: boolean;
  @Field(() => ResultInterpretation, { description: 'The worst observation flag.' }) interpretation!: ResultInterpretation;
  @Field(() => DateTimeScalar, { nullable: true }) effectiveAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) issuedAt!: Date | null;
  @Field(() => DateTimeScalar) receivedAt!: Date;
  @Field(() => SentPatient) sentPatient!: SentPatient;
  @Field(() => String, { nullable: true, description: 'MRN, NAME_DOB or STAFF; null while unmatched.' }) matchedBy!: string | null;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true }) releasedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) releasedAt!: Date | null;
}

@ObjectType({ description: 'That a lab result arrived for a patient, without its values (what the front desk sees).' })
export class ResultNotice {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) receivedAt!: Date;
  @Field(() => Boolean) reviewed!: boolean;
  @Field(() => Boolean) released!: boolean;
}

@ObjectType({ description: 'What receiving a lab message did.' })
export class ReceiveLabMessagePayload {
  @Field(() => ID) messageId!: string;
  @Field(() => Boolean, { description: 'True when this sender\'s control id was received before: nothing new was stored.' }) duplicate!: boolean;
  @Field(() => String, { nullable: true, description: 'The HL7 ACK (MSA AA with the message control id) for an HL7 message.' }) ack!: string | null;
  @Field(() => [LabResult]) results!: LabResult[];
}

export const LabResultConnection = Connection('LabResult', LabResult);
export const ResultNoticeConnection = Connection('ResultNotice', ResultNotice);
