import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter } from './format-error.js';

const format = createErrorFormatter(() => 'req-1');
const coercion = (message: string) => format({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message));

describe('formatError on variable coercion errors', () => {
  it('drops unquoted values and uses dotted paths', () => {
    const out = coercion('Variable "$input" got invalid value 2125550123 at "input.phones[0].number"; String cannot represent a non string value: 2125550123');
    expect(out.message).not.toContain('2125550123');
    expect(out.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.phones.0.number' }], requestId: 'req-1' });
  });

  it('drops a rejected enum value even when it looks like an identifier', () => {
    const out = coercion('Variable "$input" got invalid value "Smith" at "input.sexAtBirth"; Value "Smith" does not exist in "SexAtBirth" enum.');
    expect(out.message).not.toContain('Smith');
    expect(out.message).toContain('SexAtBirth');
  });

  it('says what is wrong with a bad scalar on the field, without the value', () => {
    const out = coercion('Variable "$input" got invalid value "1980-13-45" at "input.dateOfBirth"; LocalDate must be a calendar date written YYYY-MM-DD');
    expect(out.extensions!.fields).toEqual([{ path: 'input.dateOfBirth', message: 'LocalDate must be a calendar date written YYYY-MM-DD' }]);
    expect(JSON.stringify(out)).not.toContain('1980-13-45');
  });

  it('points a missing or unknown field at the field itself', () => {
    const missing = coercion('Variable "$input" got invalid value { id: "x" }; Field "expectedVersion" of required type "Int!" was not provided.');
    expect(missing.extensions!.fields).toEqual([{ path: 'input.expectedVersion', message: 'is required (Int!)' }]);
    const unknown = coercion('Variable "$input" got invalid value { ssn: "123-45-6789" }; Field "ssn" is not defined by type "RegisterPatientInput".');
    expect(unknown.extensions!.fields).toEqual([{ path: 'input.ssn', message: 'is not a field of RegisterPatientInput' }]);
    expect(unknown.message).not.toContain('123-45-6789');
  });

  it('masks errors it does not know', () => {
    const out = format({ message: 'relation "patients" does not exist' }, new Error('relation "patients" does not exist'));
    expect(out.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: false });
    expect(out.message).not.toContain('patients');
  });
});

describe('formatError on a lost database connection', () => {
  it('answers a retryable SERVICE_UNAVAILABLE without the driver message, and reports it apart from internal errors', () => {
    const internal: unknown[] = [];
    const unavailable: unknown[] = [];
    const formatter = createErrorFormatter(
      () => 'req-2',
      (e) => internal.push(e),
      (e) => unavailable.push(e),
    );
    const driver = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
    const wrapped = Object.assign(new Error('Failed query: insert into "patients" … params: Jane,Doe'), { cause: driver });
    const resolverError = new GraphQLError(wrapped.message, { originalError: wrapped, path: ['registerPatient'] });
    const out = formatter({ message: wrapped.message, path: ['registerPatient'] }, resolverError);
    expect(out.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, requestId: 'req-2' });
    expect(out.message).not.toMatch(/Jane|patients|5432/);
    expect(unavailable).toEqual([wrapped]);
    expect(internal).toEqual([]);
  });
});
