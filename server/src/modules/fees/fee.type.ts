import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';

export enum FeeScheduleKind {
  CHARGE_MASTER = 'CHARGE_MASTER',
  PAYER_CONTRACT = 'PAYER_CONTRACT',
}
registerEnumType(FeeScheduleKind, { name: 'FeeScheduleKind', description: 'CHARGE_MASTER: the practice’s own charges (one per practice). PAYER_CONTRACT: one payer’s contracted allowed amounts.' });

@ObjectType({ description: 'One price: code + modifier set → amount, effective from/to (inclusive).' })
export class FeeScheduleEntry {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => [String], { description: 'The modifier set this price is for (sorted); empty = the price without modifiers, used when no exact set matches.' }) modifiers!: string[];
  @Field(() => MoneyScalar, { description: 'Charge (charge master) or allowed amount (payer contract), in cents.' }) amount!: number;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day in force; null = open-ended.' }) effectiveTo!: string | null;
  @Field(() => String, { nullable: true, description: 'The practice’s own label for the code (the only text a CPT code shows without a licensed CPT import).' }) label!: string | null;
}

export const FeeScheduleEntryConnection = Connection('FeeScheduleEntry', FeeScheduleEntry);

@ObjectType({ description: 'A fee schedule: the practice’s charge master or one payer’s contract.' })
export class FeeSchedule {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => FeeScheduleKind) kind!: FeeScheduleKind;
  @Field(() => ID, { nullable: true, description: 'The payer of a contract; null for the charge master.' }) payerId!: string | null;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'The price of a code (+ modifiers) on a date of service.' })
export class FeeQuote {
  @Field(() => String) code!: string;
  @Field(() => [String]) modifiers!: string[];
  @Field(() => MoneyScalar, { nullable: true, description: 'The practice’s charge in cents; null when the code is not in the charge master on that date.' }) charge!: number | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'The payer’s contracted allowed amount in cents; null without a payer or a contract price.' }) allowed!: number | null;
  @Field(() => String, { nullable: true }) label!: string | null;
}

@ObjectType({ description: 'A problem in one row of a fee-schedule CSV.' })
export class FeeCsvError {
  @Field(() => Int, { description: '1-based line number; the header is line 1.' }) line!: number;
  @Field(() => String, { nullable: true, description: 'Column name, or null when the whole line is wrong.' }) column!: string | null;
  @Field(() => String) message!: string;
}
