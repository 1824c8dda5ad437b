import { ArgsType, Field, Int } from 'type-graphql';

/** Relay paging arguments; list queries extend this with their filters. */
@ArgsType()
export class RelayPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size going forward (1–200, default 50).' }) first?: number | null;
  @Field(() => String, { nullable: true, description: 'Cursor to continue after (endCursor of the previous page).' }) after?: string | null;
  @Field(() => Int, { nullable: true, description: 'Page size going backward (1–200).' }) last?: number | null;
  @Field(() => String, { nullable: true, description: 'Cursor to continue before (startCursor of the next page).' }) before?: string | null;
}
