import { createHash } from 'node:crypto';
import { AppError } from '../../graphql/errors.js';

/** What a processor returns for an approved charge: its reference, and the card's brand and last 4 if it says. */
export interface CardCharge {
  reference: string;
  brand: string | null;
  last4: string | null;
}

/**
 * The card processor the product charges through. The product never sees a card number: the desk's card
 * reader (or a hosted payment page) turns the card into a single-use token, and only the token reaches us.
 * Both calls are idempotent on `idempotencyKey`, as processors' APIs are: a retry returns the first answer
 * and moves no money twice.
 */
export interface CardProcessor {
  /** @throws BAD_USER_INPUT with `reason: CARD_DECLINED` (nothing charged), UPSTREAM_UNAVAILABLE */
  charge(req: { token: string; amountCents: number; idempotencyKey: string }): Promise<CardCharge>;
  /** Gives back part or all of a charge. @returns the processor's reference of the refund */
  refund(req: { chargeReference: string; amountCents: number; idempotencyKey: string }): Promise<{ reference: string }>;
}

/** The typed error of a declined card: BAD_USER_INPUT on input.cardToken, `reason: CARD_DECLINED`. */
export const cardDeclined = () =>
  new AppError('BAD_USER_INPUT', 'Invalid input: input.cardToken was declined by the card processor', { reason: 'CARD_DECLINED', fields: [{ path: 'input.cardToken', message: 'was declined by the card processor' }] });

/** The simulator's test tokens (as processors publish for their sandboxes): brand and last 4 of each card. */
export const SIMULATOR_CARDS: Readonly<Record<string, { brand: string; last4: string }>> = {
  tok_visa: { brand: 'VISA', last4: '4242' },
  tok_mastercard: { brand: 'MASTERCARD', last4: '4444' },
  tok_amex: { brand: 'AMEX', last4: '8431' },
  tok_discover: { brand: 'DISCOVER', last4: '1117' },
  /** Approved, but the processor tells nothing about the card. */
  tok_unbranded: { brand: '', last4: '' },
};
/** Tokens the simulator declines (insufficient funds, expired card…); any unknown token is declined too. */
export const SIMULATOR_DECLINED = ['tok_declined', 'tok_insufficient_funds', 'tok_expired'] as const;

const ref = (prefix: string, ...parts: (string | number)[]) => `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;

/**
 * A deterministic processor for development, tests and the demo: the same request gives the same
 * reference (so a retry is recognised), the test tokens above are approved, everything else declined.
 */
export const simulatedCardProcessor: CardProcessor = {
  async charge({ token, amountCents, idempotencyKey }) {
    const card = SIMULATOR_CARDS[token];
    if (!card) throw cardDeclined();
    return { reference: ref('ch', idempotencyKey, token, amountCents), brand: card.brand || null, last4: card.last4 || null };
  },
  async refund({ chargeReference, amountCents, idempotencyKey }) {
    return { reference: ref('re', idempotencyKey, chargeReference, amountCents) };
  },
};
