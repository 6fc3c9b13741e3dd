import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { computeScheduleShifts } from '@firebreak/backstage-plugin-common';
import ical from 'ical-generator';
import { OnCallAuthorizer } from './OnCallAuthorizer';
import { userRefOf } from './OnCallInput';
import { OnCallService } from './OnCallService';
import { CalendarSubject, OnCallStore } from './OnCallStore';

const DAY = 86_400_000;
/** What a calendar feed holds: a month back, three months ahead. */
const FEED_PAST_DAYS = 30;
const FEED_FUTURE_DAYS = 90;

/**
 * iCal feeds of on-call shifts, per person and per schedule, opened by an unguessable token that
 * its owner can rotate: the old URL stops working at once.
 *
 * @internal
 */
export class CalendarFeedService {
  constructor(
    private readonly deps: {
      store: OnCallStore;
      onCall: OnCallService;
      authorizer: OnCallAuthorizer;
      now: () => Date;
    },
  ) {}

  /** The token of the caller's own feed, or of a schedule's feed: made on first use. */
  async token(
    scheduleId: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const { subject } = await this.subjectOf(scheduleId, credentials);
    return this.deps.store.calendarToken(subject, this.deps.now());
  }

  /**
   * Replaces the token of the caller's own feed, or of a schedule's feed (which takes the right
   * to change the schedule), so that the URL handed out before answers 404.
   */
  async rotate(
    scheduleId: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const { subject, ownerRef } = await this.subjectOf(scheduleId, credentials);
    if (ownerRef) {
      await this.deps.authorizer.authorizeUpdate(
        { kind: 'schedule', id: subject.subject, ownerRef },
        credentials,
      );
    }
    return this.deps.store.rotateCalendarToken(subject, this.deps.now());
  }

  /** The iCal feed a token opens: the token itself is the credential. */
  async feed(token: string): Promise<string> {
    const subject = await this.deps.store.resolveCalendarToken(token);
    if (!subject) {
      throw new NotFoundError('No such calendar');
    }
    const now = this.deps.now().getTime();
    const from = new Date(now - FEED_PAST_DAYS * DAY);
    const to = new Date(now + FEED_FUTURE_DAYS * DAY);
    const calendar = ical({ prodId: '//Firebreak//On-call//EN' });
    if (subject.kind === 'user') {
      calendar.name(`On call: ${parseEntityRef(subject.subject).name}`);
      const shifts = await this.deps.onCall.shiftsOf(subject.subject, {
        from: from.toISOString(),
        to: to.toISOString(),
      });
      for (const shift of shifts) {
        calendar.createEvent({
          id: `${shift.scheduleId}-${shift.start}@firebreak`,
          start: new Date(shift.start),
          end: new Date(shift.end),
          summary: `On call: ${shift.scheduleName}`,
        });
      }
    } else {
      const schedule = (
        await this.deps.store.getSchedules([subject.subject], from, to)
      ).get(subject.subject);
      if (!schedule) {
        throw new NotFoundError('No such calendar');
      }
      calendar.name(`On call: ${schedule.name}`);
      for (const shift of computeScheduleShifts(schedule, from, to)) {
        calendar.createEvent({
          id: `${schedule.id}-${shift.start}@firebreak`,
          start: new Date(shift.start),
          end: new Date(shift.end),
          summary: `${parseEntityRef(shift.userRef).name} on call (${
            schedule.name
          })`,
        });
      }
    }
    return calendar.toString();
  }

  private async subjectOf(
    scheduleId: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<{ subject: CalendarSubject; ownerRef?: string }> {
    await this.deps.authorizer.authorizeRead(credentials);
    if (scheduleId) {
      const schedule = await this.deps.onCall.getSchedule(
        scheduleId,
        credentials,
      );
      return {
        subject: { kind: 'schedule', subject: schedule.id },
        ownerRef: schedule.ownerRef,
      };
    }
    const userRef = userRefOf(credentials);
    if (!userRef) {
      throw new InputError(
        'scheduleId: required unless a signed-in person asks for their own feed',
      );
    }
    return { subject: { kind: 'user', subject: userRef } };
  }
}
