import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS, STAFF_PHI } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { presentPatient } from '../patients/patient.service.js';
import { Patient } from '../patients/patient.type.js';
import { ContactFilter, LogContactInput } from './contact.inputs.js';
import { findContact, listContacts, logContact } from './contact.service.js';
import { Contact, ContactConnection } from './contact.type.js';

@ObjectType()
class LogContactPayload {
  @Field(() => Contact) contact!: Contact;
  @Field(() => ID, { nullable: true, description: 'The follow-up task created with it (Query.task), when one was asked for.' }) followUpTaskId!: string | null;
}

@Resolver(() => Contact)
export class ContactResolver {
  @Authorized(STAFF_PHI)
  @Mutation(() => LogContactPayload, { description: `Log a call, email, fax, portal message, letter or visit, optionally with a follow-up task. ${accessText(STAFF_PHI)}` })
  logContact(@Arg('input', () => LogContactInput) input: LogContactInput, @Ctx() ctx: Context): Promise<LogContactPayload> {
    return logContact({ db: ctx.db, principal: requirePrincipal(ctx), audit: ctx.audit, pubsub: ctx.pubsub }, input);
  }

  @Authorized(STAFF_PHI)
  @Query(() => Contact, { description: `One logged contact. Another practice's is NOT_FOUND. ${accessText(STAFF_PHI)}` })
  contact(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Contact> {
    return findContact(ctx.db, requirePrincipal(ctx), ctx.audit, id);
  }

  @Authorized(STAFF_PHI)
  @Query(() => ContactConnection, { description: `The correspondence log, newest first. ${accessText(STAFF_PHI)}` })
  contacts(@Arg('filter', () => ContactFilter, { nullable: true }) filter: ContactFilter | null, @Args(() => RelayPageArgs) page: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listContacts(ctx.db, requirePrincipal(ctx), ctx.audit, filter, pageRequest(page), selects(info, 'totalCount'));
  }

  @Authorized(PATIENT_READERS)
  @FieldResolver(() => Patient, { nullable: true, description: `The patient it was about (one batched query per request). Same rule as Query.patient: ${accessText(PATIENT_READERS)}` })
  async patient(@Root() contact: Contact, @Ctx() ctx: Context): Promise<Patient | null> {
    if (!contact.patientId) return null;
    return presentPatient(ctx.audit, contact.patientId, await ctx.loaders.patient.load(contact.patientId));
  }
}
