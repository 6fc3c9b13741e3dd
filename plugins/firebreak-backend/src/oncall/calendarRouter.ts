import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Response } from 'express';
import { z } from 'zod';
import { audited } from '../audit';
import { FirebreakApiRouter } from '../schema/apiRouter';
import { callerCredentials, nonBlank, parse } from '../schema/apiRequests';
import { CalendarFeedService } from './CalendarFeedService';

const calendarTokenBody = z.object({
  scheduleId: nonBlank.optional(),
});

/**
 * Adds the calendar feed routes to the plugin's API router: a feed's token, rotating it, and
 * the feed itself.
 *
 * @internal
 */
export function addCalendarFeedRoutes(
  router: FirebreakApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    service: CalendarFeedService;
  },
): void {
  const { httpAuth, auditor, service } = options;
  const credentials = callerCredentials(httpAuth);

  router.post('/calendar/tokens', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(calendarTokenBody, req.body ?? {});
    const token = await service.token(body.scheduleId, creds);
    res.json({ token, path: `/calendar/${token}.ics` });
  });

  router.post('/calendar/tokens/rotate', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(calendarTokenBody, req.body ?? {});
    const token = await audited(
      auditor,
      req,
      'calendar-token-rotate',
      { schedule: body.scheduleId ?? null },
      () => service.rotate(body.scheduleId, creds),
    );
    res.json({ token, path: `/calendar/${token}.ics` });
  });

  // The token is the credential: calendar apps cannot sign in.
  router.get('/calendar/:file', async (req, res) => {
    // Shifts are someone's, and a rotated token must stop working: no shared cache may keep
    // either answer, the 404 included.
    res.setHeader('Cache-Control', 'private');
    const match = /^([A-Za-z0-9_-]{16,64})\.ics$/.exec(req.params.file);
    if (!match) {
      throw new InputError('file: must be <token>.ics');
    }
    const feed = await service.feed(match[1]);
    // The typed router knows JSON answers only; this one is iCal text.
    (res as unknown as Response)
      .type('text/calendar; charset=utf-8')
      .send(feed);
  });
}
