import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { appointmentTypes } from '../../db/schema/scheduling.js';

export enum AllowedModality {
  IN_PERSON = 'IN_PERSON',
  TELEHEALTH = 'TELEHEALTH',
  BOTH = 'BOTH',
}
export enum Modality {
  IN_PERSON = 'IN_PERSON',
  TELEHEALTH = 'TELEHEALTH',
}
registerEnumType(AllowedModality, { name: 'AllowedModality', description: 'How an appointment type may be held.' });
registerEnumType(Modality, { name: 'Modality', description: 'How one appointment is held.' });

export type AppointmentTypeRow = typeof appointmentTypes.$inferSelect;

@ObjectType({ description: 'A kind of visit the office books (no patient data).' })
export class AppointmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) durationMinutes!: number;
  @Field(() => AllowedModality) modality!: AllowedModality;
  @Field(() => Int, { description: 'Minutes kept free before the visit (room preparation).' }) bufferBeforeMinutes!: number;
  @Field(() => Int, { description: 'Minutes kept free after the visit (room turnover).' }) bufferAfterMinutes!: number;
  @Field(() => Int, { description: 'A booking must start at least this many minutes from now.' }) minNoticeMinutes!: number;
  @Field(() => Int, { description: 'A booking may start at most this many days ahead.' }) maxAdvanceDays!: number;
  @Field(() => String, { nullable: true, description: 'Display color, e.g. #3366FF.' }) color!: string | null;
  @Field(() => String, { description: 'X12 service type whose copay and coinsurance apply to this visit (98 office visit by default, UC urgent care, 81 routine physical…); eligibility checks read the payer\'s figures for it.' })
  serviceTypeCode!: string;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Int) version!: number;
}

/** Table row → GraphQL object. */
export const toAppointmentType = (r: AppointmentTypeRow): AppointmentType => ({ ...r, modality: r.modality as AllowedModality });

/** Whether a type allows a modality. */
export const allowsModality = (t: { modality: string }, m: Modality) => t.modality === AllowedModality.BOTH || t.modality === m;
