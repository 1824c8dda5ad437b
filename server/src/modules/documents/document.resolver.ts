import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { Patient } from '../patients/patient.type.js';
import { DOCUMENT_ACCESS_TEXT, DOCUMENT_USERS, mayUseDocumentType } from './document-access.js';
import { MarkDocumentEnteredInErrorInput } from './document.inputs.js';
import { findDocument, listDocuments, markDocumentEnteredInError, toDocument } from './document.service.js';
import { Document, DocumentConnection } from './document.type.js';

@Resolver(() => Document)
export class DocumentResolver {
  @Authorized(DOCUMENT_USERS)
  @Query(() => Document, { description: `One document version (metadata; the content is at contentPath). Another practice's is NOT_FOUND. Audited. ${DOCUMENT_ACCESS_TEXT}` })
  document(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Document> {
    return findDocument(ctx.db, requirePrincipal(ctx), ctx.audit, id);
  }

  @Authorized(DOCUMENT_USERS)
  @Query(() => DocumentConnection, { description: `A patient's documents, newest document date first: current versions only, or every version (superseded and entered-in-error ones too) with includeHistory. Audited. ${DOCUMENT_ACCESS_TEXT}` })
  documents(
    @Arg('patientId', () => ID) patientId: string,
    @Arg('includeHistory', () => Boolean, { defaultValue: false }) includeHistory: boolean,
    @Args(() => RelayPageArgs) page: RelayPageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listDocuments(ctx.db, requirePrincipal(ctx), ctx.audit, patientId, includeHistory, pageRequest(page), selects(info, 'totalCount'));
  }

  @Authorized(DOCUMENT_USERS)
  @Mutation(() => Document, { description: `Marks a document version entered in error: it is kept and stays readable, never deleted. Upload over HTTP: POST /documents. ${DOCUMENT_ACCESS_TEXT}` })
  markDocumentEnteredInError(@Arg('input', () => MarkDocumentEnteredInErrorInput) input: MarkDocumentEnteredInErrorInput, @Ctx() ctx: Context): Promise<Document> {
    return markDocumentEnteredInError(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.reason);
  }
}

@Resolver(() => Patient)
export class PatientDocumentsResolver {
  @Authorized(DOCUMENT_USERS)
  @FieldResolver(() => [Document], { description: `The patient's current documents, newest document date first (one batched query per request; audited). ${DOCUMENT_ACCESS_TEXT}` })
  async documents(@Root() p: Patient, @Ctx() ctx: Context): Promise<Document[]> {
    const principal = requirePrincipal(ctx);
    const rows = (await ctx.loaders.patientDocuments.load(p.id)).filter((r) => mayUseDocumentType(principal, r.type));
    for (const r of rows) ctx.audit.read('Document', r.id, r.patientId);
    return rows.map(toDocument);
  }
}
