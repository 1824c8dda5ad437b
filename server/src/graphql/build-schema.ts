import type { GraphQLSchema } from 'graphql';
import { buildSchema as buildTypeGraphqlSchema, type NonEmptyArray } from 'type-graphql';
import { AppointmentChangeResolver } from '../modules/engagement/appointment-change.resolver.js';
import { RecallResolver } from '../modules/engagement/recall.resolver.js';
import { ReminderResolver } from '../modules/engagement/reminder.resolver.js';
import { WaitlistResolver } from '../modules/engagement/waitlist.resolver.js';
import { TelehealthResolver } from '../modules/engagement/telehealth.resolver.js';
import { ReminderPolicyResolver } from '../modules/engagement/reminder-policy.resolver.js';
import { PatientResolver } from '../modules/patients/patient.resolver.js';
import { contextPubSubOnly } from '../realtime/pubsub.js';
import { authChecker } from './auth.js';
import { DateTimeScalar } from './scalars/date-time.js';
import { validateArgs } from './validate-args.js';

/** Every resolver class of the API. Adding a module means adding its resolvers here. */
export const resolvers: NonEmptyArray<Function> = [PatientResolver, AppointmentChangeResolver, RecallResolver, ReminderResolver, WaitlistResolver, TelehealthResolver, ReminderPolicyResolver];

/** Builds the executable schema from the type-graphql classes. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphqlSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validateFn: validateArgs,
    pubSub: contextPubSubOnly,
    emitSchemaFile: false,
  });
}
