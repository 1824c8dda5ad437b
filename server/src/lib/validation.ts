import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidLocalDate, isValidTimeZone } from './dates.js';
import { isValidNpi } from './npi.js';

function rule(name: string, message: string, test: (value: unknown) => boolean) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: (value: unknown) => value == null || test(value) },
    });
}

/** A valid NPI (10 digits, Luhn check with the 80840 prefix). */
export const IsNpi = rule('isNpi', 'must be a valid 10-digit NPI', (v) => typeof v === 'string' && isValidNpi(v));

/** An IANA time zone name. */
export const IsTimeZone = rule('isTimeZone', 'must be an IANA time zone name', (v) => typeof v === 'string' && isValidTimeZone(v));

/** A US phone number in E.164 form (+1 and ten digits, area and exchange not starting with 0/1). */
export const IsUsPhone = rule('isUsPhone', 'must be a US phone number in E.164 form (+1NXXNXXXXXX)', (v) => typeof v === 'string' && /^\+1[2-9]\d{2}[2-9]\d{6}$/.test(v));

/** A calendar date string (YYYY-MM-DD). */
export const IsLocalDate = rule('isLocalDate', 'must be a date written YYYY-MM-DD', (v) => typeof v === 'string' && isValidLocalDate(v));

/** A string with visible characters (not empty, not only spaces). */
export const IsNotBlank = rule('isNotBlank', 'must not be blank', (v) => typeof v === 'string' && v.trim().length > 0);
