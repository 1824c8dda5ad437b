import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { PHI_ROLES } from '../../graphql/roles.js';
import { type AppointmentChangedMessage, appointmentTopic } from './appointment-change.publisher.js';
import { AppointmentChange, type AppointmentChangeKind } from './appointment-change.type.js';
import { findLocation } from './refs.repo.js';
import { isUuid } from '../../lib/uuid.js';
import { throwIfInterrupted } from '../../realtime/pubsub.js';

@Resolver(() => AppointmentChange)
export class AppointmentChangeResolver {
  @Authorized(...PHI_ROLES)
  @Subscription(() => AppointmentChange, {
    description:
      'Live appointment changes at one location of your practice (graphql-ws on /graphql; token in connectionParams.authorization). Another practice\'s location is NOT_FOUND. Roles: FRONT_DESK, CLINICIAN, BILLER, PRACTICE_ADMIN, PARTNER.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const principal = requirePrincipal(ctx);
      const locationId = String(args.locationId);
      if (!isUuid(locationId) || !(await findLocation(ctx.db, principal.practiceId, locationId))) throw notFound('Location', locationId);
      return ctx.pubsub.subscribe(appointmentTopic(principal.practiceId, locationId));
    },
  })
  appointmentChanged(@Root() payload: AppointmentChangedMessage, @Arg('locationId', () => ID) _locationId: string): AppointmentChange {
    const message = throwIfInterrupted(payload);
    return {
      appointmentId: message.appointmentId,
      kind: message.kind as AppointmentChangeKind,
      status: message.status,
      startsAt: new Date(message.startsAt),
      providerId: message.providerId,
      locationId: message.locationId,
      at: new Date(message.at),
    };
  }
}
