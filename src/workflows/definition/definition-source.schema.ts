import { Duration, IANAZone } from 'luxon';
import { z } from 'zod';
import { DECISION_OUTCOMES, EVENT_EFFECTS, QUORUM_SUBJECTS, STAGE_KINDS, WRITER_ROLES } from './definition.types';

/** The shape a secretariat writes (YAML or JSON), before kinds are expanded. */

const STAGE_ID = /^[a-z][a-z0-9-]{0,62}$/;
const EVENT_NAME = /^[A-Z][A-Z0-9_]{0,62}$/;

export const stageId = z
  .string({ message: 'expected a stage id (text)' })
  .regex(STAGE_ID, 'use lower-case letters, digits and "-", starting with a letter (e.g. "comment-round")');

const isoDuration = z
  .string({ message: 'expected an ISO-8601 duration such as P7D or PT12H' })
  .refine((value) => {
    const duration = Duration.fromISO(value);
    return duration.isValid && duration.toMillis() > 0;
  }, 'use a positive ISO-8601 duration such as P7D, PT12H or P1DT6H');

const timeZone = z
  .string({ message: 'expected an IANA time zone such as Europe/Zurich' })
  .refine((value) => IANAZone.isValidZone(value), 'use an IANA time zone such as Europe/Zurich, America/New_York or UTC');

const roleList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(z.enum(WRITER_ROLES, { message: 'use secretariat or participant' })).min(1, 'name at least one role'),
);

const outcomeList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(z.enum(DECISION_OUTCOMES, { message: `use one of: ${DECISION_OUTCOMES.join(', ')}` })).min(1),
);

export interface GuardSource {
  role?: Array<(typeof WRITER_ROLES)[number]>;
  quorum?: { count: number; of: (typeof QUORUM_SUBJECTS)[number]; stage?: string; outcome?: (typeof DECISION_OUTCOMES)[number] };
  allInvitedResponded?: true | { stage?: string };
  outcome?: Array<(typeof DECISION_OUTCOMES)[number]>;
  anyOf?: GuardSource[];
}

export const guardSourceSchema: z.ZodType<GuardSource> = z.lazy(() =>
  z
    .strictObject({
      role: roleList.optional(),
      quorum: z
        .strictObject({
          count: z.number({ message: 'expected a whole number' }).int().min(1, 'a quorum needs at least 1'),
          of: z.enum(QUORUM_SUBJECTS, { message: `use one of: ${QUORUM_SUBJECTS.join(', ')}` }),
          stage: stageId.optional(),
          outcome: z.enum(DECISION_OUTCOMES).optional(),
        })
        .optional(),
      allInvitedResponded: z
        .union([z.literal(true), z.strictObject({ stage: stageId.optional() })], {
          message: 'use true, or { stage: <stage id> }',
        })
        .optional(),
      outcome: outcomeList.optional(),
      anyOf: z.array(guardSourceSchema).min(1).optional(),
    })
    .refine((guard) => Object.keys(guard).length > 0, 'an empty guard; use role, quorum, allInvitedResponded, outcome or anyOf'),
) as z.ZodType<GuardSource>;

const eventEntry = z.strictObject({
  target: stageId.optional(),
  by: roleList.optional(),
  guard: guardSourceSchema.optional(),
  records: z.enum(EVENT_EFFECTS, { message: `use one of: ${EVENT_EFFECTS.join(', ')}` }).optional(),
  description: z.string().optional(),
});

/** `EVENT: target`, `EVENT: {…}` and `EVENT: [{…}, {…}]` are all accepted; the list form allows guarded alternatives. */
const eventEntries = z.preprocess(
  (value) => {
    if (typeof value === 'string') return [{ target: value }];
    if (value === null) return [{}];
    if (Array.isArray(value)) return value;
    return [value];
  },
  z.array(eventEntry).min(1, 'give at least one transition'),
);

const eventName = z
  .string()
  .regex(EVENT_NAME, 'use UPPER_SNAKE_CASE event names such as CLOSE_ROUND')
  .refine((name) => !name.startsWith('DEADLINE') && name !== 'EXTEND_DEADLINE', 'DEADLINE… and EXTEND_DEADLINE are reserved; use deadline/onDeadline instead');

const deadlineSource = z
  .strictObject({
    at: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/,
        'use a local date-time such as 2025-01-31T23:59 (the zone comes from timezone)',
      )
      .optional(),
    after: isoDuration.optional(),
    from: stageId.optional(),
    fromEvent: z.union([z.literal(true), z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/)]).optional(),
    timezone: timeZone.optional(),
  })
  .superRefine((deadline, ctx) => {
    const forms = ['at', 'after', 'fromEvent'].filter((key) => deadline[key as keyof typeof deadline] !== undefined);
    if (forms.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of at (absolute), after (ISO-8601 duration) or fromEvent (supplied by the opening event)',
      });
    }
    if (deadline.from !== undefined && deadline.after === undefined) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from only applies to a relative deadline; add after: P14D' });
    }
  });

export interface StageSource {
  id: string;
  kind?: (typeof STAGE_KINDS)[number];
  title?: string;
  description?: string;
  body?: string;
  report?: string;
  public?: boolean;
  next?: string;
  outcomes?: Partial<Record<(typeof DECISION_OUTCOMES)[number], string>>;
  deadline?: z.infer<typeof deadlineSource>;
  onDeadline?: string;
  reminders?: string[];
  escalation?: { before: string; belowResponseRate: number };
  on?: Record<string, Array<z.infer<typeof eventEntry>>>;
  regions?: RegionSource[];
}

export interface RegionSource {
  id: string;
  title?: string;
  initial?: string;
  stages: StageSource[];
}

export const stageSourceSchema: z.ZodType<StageSource> = z.lazy(() =>
  z.strictObject({
    id: stageId,
    kind: z.enum(STAGE_KINDS, { message: `use one of: ${STAGE_KINDS.join(', ')}` }).optional(),
    title: z.string().min(1).optional(),
    description: z.string().optional(),
    body: z.string().min(1).optional(),
    report: z.string().min(1).optional(),
    public: z.boolean().optional(),
    next: stageId.optional(),
    outcomes: z
      .partialRecord(z.enum(DECISION_OUTCOMES, { message: `use outcomes among: ${DECISION_OUTCOMES.join(', ')}` }), stageId)
      .optional(),
    deadline: deadlineSource.optional(),
    onDeadline: stageId.optional(),
    reminders: z.array(isoDuration).optional(),
    escalation: z
      .strictObject({
        before: isoDuration,
        belowResponseRate: z.number().min(0).max(1, 'use a rate between 0 and 1, e.g. 0.5'),
      })
      .optional(),
    on: z.record(eventName, eventEntries).optional(),
    regions: z.array(regionSourceSchema).min(2, 'a parallel stage needs at least two regions').optional(),
  }),
) as z.ZodType<StageSource>;

export const regionSourceSchema: z.ZodType<RegionSource> = z.lazy(() =>
  z.strictObject({
    id: stageId,
    title: z.string().optional(),
    initial: stageId.optional(),
    stages: z.array(stageSourceSchema).min(1, 'a region needs at least one stage'),
  }),
) as z.ZodType<RegionSource>;

export const definitionSourceSchema = z.strictObject({
  id: z
    .string({ message: 'expected the workflow id (text)' })
    .regex(STAGE_ID, 'use lower-case letters, digits and "-", e.g. "rcc-declaration"'),
  name: z.string({ message: 'expected a name (text)' }).min(1),
  description: z.string().optional(),
  timezone: timeZone.optional(),
  initial: stageId.optional(),
  stages: z.array(stageSourceSchema, { message: 'expected a list of stages' }).min(1, 'a workflow needs at least one stage'),
});

export type DefinitionSource = z.infer<typeof definitionSourceSchema>;
