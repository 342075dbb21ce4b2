/**
 * The normalised (compiled) form of a workflow definition: typed stage kinds have been
 * expanded into the generic core of stages, events, guards and effects.
 */

export const WRITER_ROLES = ['secretariat', 'participant'] as const;
export type WriterRole = (typeof WRITER_ROLES)[number];
/** `system` sends deadline events; nobody can hold a token for it. */
export type EventSender = WriterRole | 'system';

export const DECISION_OUTCOMES = ['endorsed', 'adopted', 'approved', 'returned', 'noted', 'rejected', 'deferred'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const STAGE_KINDS = [
  'stage',
  'drafting',
  'comment_round',
  'questionnaire',
  'editorial_session',
  'reading',
  'decision',
  'open_endorsement',
  'presentation',
  'submission',
  'parallel',
  'final',
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** What an accepted event records in the machine context, so guards can count it. */
export const EVENT_EFFECTS = ['invitation', 'response', 'endorsement', 'withdrawal', 'decision'] as const;
export type EventEffect = (typeof EVENT_EFFECTS)[number];

export const QUORUM_SUBJECTS = ['endorsements', 'responses', 'decisions'] as const;
export type QuorumSubject = (typeof QUORUM_SUBJECTS)[number];

export interface GuardSpec {
  role?: WriterRole[];
  quorum?: { count: number; of: QuorumSubject; stage: string; outcome?: DecisionOutcome };
  allInvitedResponded?: { stage: string };
  outcome?: DecisionOutcome[];
  anyOf?: GuardSpec[];
}

export interface TransitionSpec {
  event: string;
  /** Absent: the event is recorded and the stage does not change. */
  target?: string;
  by: EventSender[];
  guard?: GuardSpec;
  effect?: EventEffect;
  description?: string;
  /** Where this transition came from in the source, for error messages. */
  sourcePath: string;
}

export type DeadlineSpec =
  | { type: 'absolute'; at: string; timeZone: string }
  | { type: 'relative'; after: string; from?: string; timeZone: string }
  | { type: 'fromEvent'; field: string; timeZone: string };

export interface EscalationSpec {
  before: string;
  belowResponseRate: number;
}

export interface RegionSpec {
  id: string;
  title: string;
  initial: string;
  stages: StageSpec[];
  sourcePath: string;
}

export interface StageSpec {
  id: string;
  kind: StageKind;
  title: string;
  description?: string;
  body?: string;
  /** Sentence for the key-stages report; may use {date}, {body}, {title}. */
  report?: string;
  public: boolean;
  nodeType: 'atomic' | 'parallel' | 'final';
  transitions: TransitionSpec[];
  deadline?: DeadlineSpec;
  onDeadline?: string;
  reminders: string[];
  escalation?: EscalationSpec;
  regions?: RegionSpec[];
  onDone?: string;
  sourcePath: string;
}

export interface WorkflowDefinition {
  key: string;
  name: string;
  description?: string;
  timeZone: string;
  initial: string;
  stages: StageSpec[];
}

export interface DefinitionError {
  path: string;
  message: string;
}

export const deadlineEventType = (stageId: string): string => `DEADLINE.${stageId}`;
export const EXTEND_DEADLINE_EVENT = 'EXTEND_DEADLINE';
export const DEADLINE_EVENT_PREFIX = 'DEADLINE.';
