import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

export enum AuditChainBreakKind {
  EDITED = 'EDITED',
  DELETED = 'DELETED',
  UNCHAINED = 'UNCHAINED',
  ANCHOR_MISMATCH = 'ANCHOR_MISMATCH',
}

registerEnumType(AuditChainBreakKind, {
  name: 'AuditChainBreakKind',
  description: 'How the audit chain was found broken.',
  valuesConfig: {
    EDITED: { description: "The link's hash is not sha256(previous hash || content of its batch): the batch was changed, or links were reordered or rewritten." },
    DELETED: { description: 'A link is missing (a gap in the sequence, or the chain ends before the head), or the batch of a link is gone.' },
    UNCHAINED: { description: 'An audit batch has no link: it was recorded with the database triggers disabled.' },
    ANCHOR_MISMATCH: { description: 'The link at the given anchor seq is gone or has another hash than the one exported: the chain was rewritten from there on.' },
  },
});

@ObjectType({ description: 'A link of the audit chain: its number in the practice and its hash, to anchor elsewhere.' })
export class AuditChainLink {
  @Field(() => Int, { description: 'Position in the practice chain, from 1, in commit order.' }) seq!: number;
  @Field(() => String, { description: 'sha256 of the previous hash and the content of the batch, 64 lowercase hex digits.' }) hash!: string;
  @Field(() => DateTimeScalar, { description: 'When the link was made (the commit of the audited transaction).' }) linkedAt!: Date;
}

@ObjectType({ description: 'The first place where the audit chain does not follow.' })
export class AuditChainBreak {
  @Field(() => AuditChainBreakKind) kind!: AuditChainBreakKind;
  @Field(() => Int, { nullable: true, description: 'The first link number affected; null for UNCHAINED.' }) seq!: number | null;
  @Field(() => ID, { nullable: true, description: 'The audit batch concerned (the "<batch>" of AuditEvent ids); null when the link itself is gone.' })
  batchId!: string | null;
}

@ObjectType({ description: 'Result of recomputing the audit chain of your practice over a time window.' })
export class AuditTrailVerification {
  @Field(() => Boolean, { description: 'True when every link in the window follows from the previous one and every batch is linked.' }) intact!: boolean;
  @Field(() => Int, { description: 'Links recomputed before the first break (all of them when intact).' }) checkedLinks!: number;
  @Field(() => Int, { nullable: true, description: 'First link number of the window; null when the window holds no batch.' }) firstSeq!: number | null;
  @Field(() => Int, { nullable: true, description: 'Last link number of the window.' }) lastSeq!: number | null;
  @Field(() => AuditChainLink, {
    nullable: true,
    description: 'The last link of the window when intact: compare its hash with the one exported for that seq (see docs/operations.md).',
  })
  lastLink!: AuditChainLink | null;
  @Field(() => AuditChainBreak, { nullable: true, description: 'The first break; null when intact.' }) firstBreak!: AuditChainBreak | null;
}
