import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Marks one document version entered in error.' })
export class MarkDocumentEnteredInErrorInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Why (up to 500 characters).' }) reason!: string;
}
