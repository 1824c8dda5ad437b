import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { RelayPageArgs } from '../common/page.args.js';
import { ClearinghouseFile } from './inbox.type.js';

@InputType()
export class ClearinghouseFileFilter {
  @Field(() => String, { nullable: true, description: 'RECEIVED, PROCESSED, FAILED or DUPLICATE.' }) status?: string | null;
  @Field(() => String, { nullable: true, description: '999, 277CA, 835 or UNKNOWN.' }) kind?: string | null;
}

@ArgsType()
export class ClearinghouseFilesArgs extends RelayPageArgs {
  @Field(() => ClearinghouseFileFilter, { nullable: true }) filter?: ClearinghouseFileFilter | null;
}

export const ClearinghouseFileConnection = Connection('ClearinghouseFile', ClearinghouseFile);

@InputType({ description: 'The clearinghouse file to process again.' })
export class ReprocessClearinghouseFileInput {
  @Field(() => ID) id!: string;
}
