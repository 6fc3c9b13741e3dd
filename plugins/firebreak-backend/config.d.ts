export interface Config {
  /** Configuration of the Firebreak incident-management plugins. */
  firebreak?: {
    /**
     * Fill an empty Firebreak database with a believable incident history for the example
     * catalog on start. Meant for demos and local development; leave off in production.
     */
    demoData?: {
      /** Seed the example incidents and on-call configuration (default false). */
      enabled?: boolean;
    };
    /**
     * Severity levels, most severe first. Defaults to SEV1 and SEV2 (major) and SEV3 (minor).
     * Replaces the defaults as a whole; an empty list stops the backend at start.
     */
    severities?: Array<{
      /** Stored and sent by the API, such as `SEV1`. */
      id: string;
      /** Shown to people; defaults to the id. */
      name?: string;
      /** When to pick this level. */
      description?: string;
      /**
       * Whether the level is major (default false): raising an incident into a major level
       * while nobody is being paged for it pages its on-call again.
       */
      major?: boolean;
      /** Impact assumed when the declarer gives none: an id of `priority.impacts`. */
      defaultImpact: string;
      /** Urgency assumed when the declarer gives none: an id of `priority.urgencies`. */
      defaultUrgency: string;
    }>;
    /**
     * The impact × urgency priority matrix. Defaults to impacts and urgencies `high`, `medium`
     * and `low`, giving P1 (high × high) to P5 (low × low). Replaces the defaults as a whole.
     */
    priority?: {
      /** Impact levels; `name` defaults to the id. */
      impacts: Array<{ id: string; name?: string; description?: string }>;
      /** Urgency levels; `name` defaults to the id. */
      urgencies: Array<{ id: string; name?: string; description?: string }>;
      /**
       * `matrix.<impact>.<urgency>` is the priority, such as `P1`; every pair needs one, or the
       * backend stops at start naming the missing key.
       */
      matrix: { [impact: string]: { [urgency: string]: string } };
    };
    /** How Firebreak asks the permission framework. */
    permissions?: {
      /**
       * How long a caller's decision on listing incidents is kept, in seconds (default 5; 0
       * asks the permission backend on every list). A policy change or a change of someone's
       * groups reaches lists after at most this long.
       */
      cacheSeconds?: number;
    };
    /** The paging engine that escalates pages and delivers their notifications. */
    paging?: {
      /**
       * How often each replica looks for escalations due and notifications to deliver, in
       * seconds (default 1; 0 turns the engine off on this replica).
       */
      checkIntervalSeconds?: number;
    };
    /** On-call schedules. */
    /** Action items: the follow-ups of incidents and postmortems. */
    actionItems?: {
      /**
       * How many days after the incident is resolved (or after the item is created, while it
       * is unresolved) an item is due when it is created without `dueAt`, by priority (`P0` to
       * `P3`) and then by incident severity id, with `default` for the severities not named.
       * A priority given here replaces its defaults whole; one without days has no due date.
       * Defaults: `P0` and `P1` are due 15 days after a SEV1 and 30 after anything else
       * (`{ SEV1: 15, SEV2: 30, default: 30 }`); `P2` and `P3` have no due date. An entity's
       * `firebreak.dev/action-item-due-days` annotation (whole days) replaces the days for
       * every priority that has some.
       */
      dueDays?: {
        [priority: string]: { [severityOrDefault: string]: number };
      };
      /** Reminders to an item's owner while it is open or in progress. */
      reminders?: {
        /**
         * How many days before the due day the owner is first reminded (default 2); they are
         * reminded again on the due day and then once a day while it is overdue, even after
         * the incident is closed. Days are the owner's local days: the time zone of the owner's
         * `firebreak.dev/time-zone` annotation, else the item's owner group's, else UTC.
         */
        daysBefore?: number;
        /**
         * The local hour (0–23, in the owner's time zone) from which each day's reminder goes
         * out (default 9: 09:00). One reminder per item per local day.
         */
        hour?: number;
        /** How often the reminder task runs, in minutes (default 15; 0 turns reminders off). */
        intervalMinutes?: number;
      };
      /** Tickets created from items by a ticket exporter module (such as GitHub issues). */
      tickets?: {
        /**
         * How often Firebreak reads back the state of the tickets of open and in-progress
         * items, in minutes (default 5; 0 turns it off). Each ticket is read at most once per
         * interval; a ticket closed as completed makes its item done, one closed as not planned
         * won't do.
         */
        syncIntervalMinutes?: number;
      };
    };
    oncall?: {
      /** Notifications that remind people of their on-call shift before it starts. */
      handoffReminder?: {
        /**
         * How many minutes before a shift starts its person is reminded (default 30; 0 turns
         * reminders off). A shift that continues the same person's previous one sends none.
         */
        minutesBefore?: number;
      };
    };
    /** Postmortems (post-incident reviews). */
    postmortems?: {
      /**
       * Severity ids whose incidents need a postmortem: one is started when such an incident is
       * resolved, and it cannot be closed until the postmortem is published or waived (default:
       * the severities marked `major`, SEV1 and SEV2 out of the box). An unknown id stops the
       * backend at start.
       */
      requiredSeverities?: string[];
      /** Approvals by people other than the owner that publishing needs (default 1). */
      approvalsRequired?: number;
      /**
       * When a postmortem is due after its incident is resolved, by severity id: either
       * `calendarDays` or `businessDays` (Monday to Friday), counted in the owning team's time
       * zone (the `firebreak.dev/time-zone` annotation of its group, else UTC). Default: SEV1
       * 3 calendar days, SEV2 5 business days; other severities have no due date. Giving this
       * key replaces the whole default.
       */
      due?: {
        [severityId: string]: { calendarDays?: number; businessDays?: number };
      };
      /**
       * How many hours before its due date a postmortem's owner is reminded, once (default 24;
       * 0 turns reminders off).
       */
      reminderHoursBefore?: number;
      /**
       * The sections new postmortems start with (changes apply to new postmortems only).
       * Default: summary, impact, timeline, contributing factors (with five whys), detection,
       * response and recovery, what went well, what went poorly, where we got lucky, lessons.
       */
      template?: Array<{
        /** Lower-case letters, digits and dashes; unique. */
        id: string;
        title: string;
        /** Markdown the section starts with, such as prompting questions. */
        body?: string;
        /** Whether the section offers a "five whys". */
        fiveWhys?: boolean;
      }>;
    };
    /**
     * New names for the response roles, by role id: `commander`, `deputy`, `communications`,
     * `scribe`, `tech_lead`. Other ids are ignored: the set of roles is fixed.
     */
    roles?: { [roleId: string]: string };
    /** What happens when an incident of a severity is declared or escalated into it. */
    responsePlays?: Array<{
      /**
       * Names the play on the incident's timeline. A play applies once per incident, known by
       * this name: a renamed play counts as a new one.
       */
      name: string;
      /** Ids of configured severities; an unknown id stops the backend at start. */
      severities: string[];
      /** User or group refs added as responders. */
      responders?: string[];
      /** User or group refs added as subscribers. */
      subscribers?: string[];
      /**
       * Links attached to the incident; `{ref}`, `{id}` and `{slug}` are filled in in `url`,
       * which must be http or https (anything else stops the backend at start). `type`
       * defaults to `link`.
       */
      links?: Array<{ title: string; url: string; type?: string }>;
    }>;
  };
}
