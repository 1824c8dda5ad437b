import { Kind, parse, type ValueNode, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scrubLiteralMessage, scrubReason, scrubVariableMessage } from './scrub-values.js';

describe('scrubReason', () => {
  it.each([
    ['Value "Smithson" does not exist in "SexAtBirth" enum.', 'Value does not exist in "SexAtBirth" enum.'],
    ['Value "FEMAL" does not exist in "SexAtBirth" enum. Did you mean the enum value "FEMALE"?', 'Value does not exist in "SexAtBirth" enum. Did you mean the enum value "FEMALE"?'],
    ['Int cannot represent non-integer value: "Smith"', 'Int cannot represent non-integer value.'],
    ['String cannot represent a non string value: 19610723', 'String cannot represent a non string value.'],
    ['Boolean cannot represent a non boolean value: { a: "Jane Doe" }', 'Boolean cannot represent a non boolean value.'],
    ['Int cannot represent non 32-bit signed integer value: 99999999999', 'Int cannot represent non 32-bit signed integer value.'],
    ['LocalDate must be a calendar date written YYYY-MM-DD', 'LocalDate must be a calendar date written YYYY-MM-DD'],
    ['Field "given" of required type "String!" was not provided.', 'Field "given" of required type "String!" was not provided.'],
    ['Something about "Jane Doe"', 'Something about "…"'],
  ])('%s', (reason, safe) => {
    expect(scrubReason(reason)).toBe(safe);
  });
});

describe('scrubVariableMessage', () => {
  it('keeps the variable, path and reason, and drops the value', () => {
    const reason = 'LocalDate must be a calendar date written YYYY-MM-DD';
    const msg = `Variable "$input" got invalid value "Smith; John 1961" at "input.dateOfBirth"; ${reason}`;
    expect(scrubVariableMessage(msg, reason)).toEqual({ message: `Variable "$input" has an invalid value at "input.dateOfBirth": ${reason}`, path: 'input.dateOfBirth', fieldMessage: reason });
  });

  it('finds the path in list items and without an inner error', () => {
    const msg = 'Variable "$input" got invalid value 2125550123 at "input.phones[0].number"; String cannot represent a non string value: 2125550123';
    const out = scrubVariableMessage(msg);
    expect(out.path).toBe('input.phones.0.number');
    expect(out.message).not.toContain('2125550123');
  });

  it('keeps "not provided" messages and names the variable', () => {
    expect(scrubVariableMessage('Variable "$input" of required type "RegisterPatientInput!" was not provided.')).toEqual({ message: 'Variable "$input" of required type "RegisterPatientInput!" was not provided.', path: 'input', fieldMessage: 'is required (RegisterPatientInput!)' });
  });

  it('falls back to a generic message for shapes it does not know', () => {
    expect(scrubVariableMessage('Something else "Jane"')).toEqual({ message: 'Invalid variable value' });
  });
});

describe('scrubLiteralMessage', () => {
  const nodesOf = (source: string) => {
    const values: ValueNode[] = [];
    visit(parse(source), {
      enter(node) {
        if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) values.push(node.value);
      },
    });
    return values;
  };

  it('drops inline literals the error points at', () => {
    const nodes = nodesOf('{ a(input: { dateOfBirth: "Smith-1961", sex: FEMAL, n: 19610723 }) }');
    expect(scrubLiteralMessage('Expected value of type "LocalDate!", found "Smith-1961"; LocalDate must be a calendar date written YYYY-MM-DD', nodes)).toBe(
      'Expected value of type "LocalDate!", found …; LocalDate must be a calendar date written YYYY-MM-DD',
    );
    expect(scrubLiteralMessage('Value "FEMAL" does not exist in "SexAtBirth" enum. Did you mean the enum value "FEMALE"?', nodes)).toBe(
      'Value "…" does not exist in "SexAtBirth" enum. Did you mean the enum value "FEMALE"?',
    );
    expect(scrubLiteralMessage('Int cannot represent non-integer value: 19610723', nodes)).not.toContain('19610723');
  });
});
