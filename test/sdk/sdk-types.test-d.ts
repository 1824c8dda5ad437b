import { describe, expectTypeOf, it } from 'vitest';
import type { ApolloClient } from '@apollo/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Client as UrqlClient } from '@urql/core';
import { type AppointmentChangedSubscription, createClient, type ErrorCode, type MedofficeError, type Page, type PatientFieldsFragment, type RegisterPatientInput, type Unsubscribe } from '@medoffice/sdk';
import { type PatientQuery, RegisterPatientDocument, type RegisterPatientMutation, type RegisterPatientMutationVariables } from '@medoffice/sdk/documents';
import { PatientDocument, type PatientQueryVariables } from '@medoffice/sdk/operations/patient';

const client = createClient({ url: 'http://127.0.0.1:1/graphql', token: 't' });
const input: RegisterPatientInput = { legalName: { given: 'A', family: 'B' }, dateOfBirth: '2000-01-01', sexAtBirth: 'MALE' };

describe('SDK types', () => {
  it('types results from the selection', () => {
    expectTypeOf(client.patient).parameter(0).toEqualTypeOf<{ id: string | number }>();
    expectTypeOf(client.patient({ id: '1' })).resolves.toHaveProperty('patient').toEqualTypeOf<PatientFieldsFragment>();
    expectTypeOf<PatientFieldsFragment['dateOfBirth']>().toEqualTypeOf<string>();
    expectTypeOf<PatientFieldsFragment['sexAtBirth']>().toEqualTypeOf<'FEMALE' | 'MALE' | 'UNKNOWN'>();
    expectTypeOf(client.registerPatient({ input })).resolves.toHaveProperty('registerPatient').toHaveProperty('patient').toEqualTypeOf<PatientFieldsFragment | null>();
  });

  it('derives paginators only for connection operations, yielding their nodes', () => {
    expectTypeOf(client.paginate).toHaveProperty('patients');
    expectTypeOf(client.paginate.patients).returns.toEqualTypeOf<AsyncGenerator<PatientFieldsFragment, void, undefined>>();
    expectTypeOf(client.paginate).not.toHaveProperty('patient');
    expectTypeOf(client.paginate).not.toHaveProperty('registerPatient');
    // A saved cursor resumes; pages() yields whole pages with their cursors.
    client.paginate.patients({ after: 'abc' }, { limit: 10 });
    expectTypeOf(client.paginate.patients.pages).returns.toEqualTypeOf<AsyncGenerator<Page<PatientFieldsFragment>, void, undefined>>();
    // @ts-expect-error a cursor is a string
    client.paginate.patients({ after: 42 });
  });

  it('types subscriptions as async iterables and as callbacks, for subscription operations only', () => {
    expectTypeOf(client.appointmentChanged({ locationId: 'l' })).toEqualTypeOf<AsyncIterable<AppointmentChangedSubscription>>();
    expectTypeOf(client.subscribe.appointmentChanged).parameter(1).toHaveProperty('onData').parameter(0).toEqualTypeOf<AppointmentChangedSubscription>();
    expectTypeOf(client.subscribe.appointmentChanged({ locationId: 'l' }, { onData: () => {}, onError: () => {} })).toEqualTypeOf<Unsubscribe>();
    expectTypeOf(client.subscribe).not.toHaveProperty('patient');
    expectTypeOf(client.paginate).not.toHaveProperty('appointmentChanged');
    // @ts-expect-error the location is required
    client.subscribe.appointmentChanged({}, { onData: () => {}, onError: () => {} });
    // @ts-expect-error a subscriber must handle errors (a dropped socket, an expired token)
    client.subscribe.appointmentChanged({ locationId: 'l' }, { onData: () => {} });
  });

  it('rejects a missing required input field', () => {
    // @ts-expect-error dateOfBirth is required
    client.registerPatient({ input: { legalName: { given: 'A', family: 'B' }, sexAtBirth: 'MALE' } });
    // @ts-expect-error the variables are required
    client.patient();
  });

  it('rejects a wrong scalar or enum type', () => {
    // @ts-expect-error LocalDate is a YYYY-MM-DD string, not a Date
    client.registerPatient({ input: { ...input, dateOfBirth: new Date() } });
    // @ts-expect-error expectedVersion is an Int
    client.updatePatient({ input: { id: '1', expectedVersion: '3' } });
    // @ts-expect-error not a SexAtBirth value
    client.registerPatient({ input: { ...input, sexAtBirth: 'OTHER' } });
  });

  it('rejects access to a field the operation did not select', async () => {
    const { patient } = await client.patient({ id: '1' });
    // @ts-expect-error notes is only selected by patientWithNotes
    patient.notes;
    const withNotes = await client.patientWithNotes({ id: '1' });
    expectTypeOf(withNotes.patient.notes).toEqualTypeOf<string | null>();
  });

  it('rejects an unknown operation', () => {
    // @ts-expect-error no such operation is published
    client.deletePatient({ id: '1' });
    // @ts-expect-error no such paginator
    client.paginate.listNothing();
  });

  it('types error codes as the closed list', () => {
    expectTypeOf<MedofficeError['code']>().toEqualTypeOf<ErrorCode>();
    const code: ErrorCode = 'VERSION_CONFLICT';
    // @ts-expect-error not a server code
    const wrong: ErrorCode = 'CONFLICT';
    void code;
    void wrong;
  });

  it('exports every operation as a TypedDocumentNode of its result and variables', () => {
    expectTypeOf(PatientDocument).toEqualTypeOf<TypedDocumentNode<PatientQuery, PatientQueryVariables>>();
    expectTypeOf(RegisterPatientDocument).toEqualTypeOf<TypedDocumentNode<RegisterPatientMutation, RegisterPatientMutationVariables>>();
    expectTypeOf<PatientQuery['patient']>().toEqualTypeOf<PatientFieldsFragment>();
    // A consumer that infers result and variables from the document, the way Apollo Client and urql do.
    const run = <R, V>(_doc: TypedDocumentNode<R, V>, _variables: V): Promise<R> => Promise.resolve({} as R);
    expectTypeOf(run(PatientDocument, { id: '1' })).resolves.toEqualTypeOf<PatientQuery>();
    // @ts-expect-error the patient query takes an id
    run(PatientDocument, { mrn: '1' });
    // @ts-expect-error dateOfBirth is required
    run(RegisterPatientDocument, { input: { legalName: { given: 'A', family: 'B' }, sexAtBirth: 'MALE' } });
  });

  it('types Apollo Client and urql results from the documents', async () => {
    const apollo = {} as ApolloClient;
    const { data } = await apollo.query({ query: PatientDocument, variables: { id: '1' } });
    expectTypeOf(data).toEqualTypeOf<PatientQuery | undefined>();
    // @ts-expect-error Apollo checks the variables against the document
    apollo.query({ query: PatientDocument, variables: { id: 1n } });
    const urql = {} as UrqlClient;
    const result = await urql.query(PatientDocument, { id: '1' }).toPromise();
    expectTypeOf(result.data).toEqualTypeOf<PatientQuery | undefined>();
  });
});
