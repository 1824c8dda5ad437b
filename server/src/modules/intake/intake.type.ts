import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { IntakePatientField, IntakeQuestionType, IntakeSection } from './intake-question.js';

@ObjectType({ description: 'One question of an intake form version.' })
export class IntakeQuestion {
  @Field(() => String, { description: 'Stable key; answers are keyed by it.' }) key!: string;
  @Field(() => IntakeSection) section!: IntakeSection;
  @Field(() => String) label!: string;
  @Field(() => IntakeQuestionType) type!: IntakeQuestionType;
  @Field(() => Boolean) required!: boolean;
  @Field(() => [String], { nullable: true, description: 'The choices of a CHOICE question.' }) choices!: string[] | null;
  @Field(() => IntakePatientField, { nullable: true, description: 'The patient field a reviewed answer may update.' }) patientField!: IntakePatientField | null;
}

@ObjectType({ description: 'A frozen version of an intake form: what a patient answers.' })
export class IntakeFormVersion {
  @Field(() => ID) id!: string;
  @Field(() => ID) formId!: string;
  @Field(() => Int) revision!: number;
  @Field(() => [IntakeQuestion]) questions!: IntakeQuestion[];
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType({ description: 'An intake form the practice defines (not patient data). Revising it makes a new version; submitted answers keep theirs.' })
export class IntakeForm {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean) active!: boolean;
  @Field(() => IntakeFormVersion, { description: 'The newest version (what new links send).' }) current!: IntakeFormVersion;
  @Field(() => Int, { description: 'Pass it as expectedVersion when revising.' }) version!: number;
}

export enum IntakeStatus {
  NOT_SENT = 'NOT_SENT',
  SENT = 'SENT',
  EXPIRED = 'EXPIRED',
  SUBMITTED = 'SUBMITTED',
  REVIEWED = 'REVIEWED',
}
registerEnumType(IntakeStatus, { name: 'IntakeStatus', description: "An appointment's intake: NOT_SENT, SENT (a link is open), EXPIRED (the link lapsed unused), SUBMITTED (answers await review), REVIEWED." });

@ObjectType({ description: "The patient's answer to one question, as submitted." })
export class IntakeAnswer {
  @Field(() => String) key!: string;
  @Field(() => String, { description: 'The question as the patient saw it (from the submission\'s form version).' }) label!: string;
  @Field(() => IntakeSection) section!: IntakeSection;
  @Field(() => IntakeQuestionType) type!: IntakeQuestionType;
  @Field(() => String, { description: 'The answer as text: YES_NO is "true"/"false", NUMBER its decimal form.' }) value!: string;
}

@ObjectType({ description: "A patient's intake answers (immutable, per form version) and their review. PHI: reads are audited." })
export class IntakeSubmission {
  @Field(() => ID) id!: string;
  @Field(() => ID) appointmentId!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) formVersionId!: string;
  @Field(() => [IntakeAnswer]) answers!: IntakeAnswer[];
  @Field(() => String, { nullable: true, description: 'The typed name of the consent signature.' }) signatureName!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) signedAt!: Date | null;
  @Field(() => DateTimeScalar) submittedAt!: Date;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true }) reviewNote!: string | null;
  @Field(() => [IntakePatientField], { nullable: true, description: 'The patient fields the review updated.' }) appliedFields!: IntakePatientField[] | null;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: "Where an appointment's intake stands (for check-in)." })
export class AppointmentIntake {
  @Field(() => IntakeStatus) status!: IntakeStatus;
  @Field(() => ID, { nullable: true, description: 'The form sent most recently.' }) formId!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) sentAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The submission, once answered.' }) submissionId!: string | null;
}

@ObjectType({ description: 'A link sent for an appointment. The token is returned only here, once; only its hash is stored.' })
export class SendIntakeFormPayload {
  @Field(() => ID) linkId!: string;
  @Field(() => String, { description: 'The secret for the patient; give it to them only through a secure channel.' }) token!: string;
  @Field(() => String, { description: 'Where the patient opens the form, relative to the server root: /intake/<token>.' }) path!: string;
  @Field(() => DateTimeScalar) expiresAt!: Date;
  @Field(() => ID) formVersionId!: string;
}
