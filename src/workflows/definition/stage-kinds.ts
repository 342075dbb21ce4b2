import { EventEffect, StageKind, WriterRole } from './definition.types';

/**
 * Typed stage kinds are sugar: each one stands for a set of generic transitions.
 * `leadsTo: 'next'` transitions go to the stage's `next`; `'outcomes'` expands into one
 * guarded transition per configured decision outcome; `'stay'` records the event and
 * leaves the stage where it is.
 */
export interface KindEvent {
  event: string;
  by: WriterRole[];
  leadsTo: 'next' | 'outcomes' | 'stay';
  effect?: EventEffect;
  description: string;
}

export interface KindDescription {
  summary: string;
  events: KindEvent[];
  /** When the stage has a deadline and no onDeadline, the deadline leads to `next`. */
  deadlineLeadsToNext: boolean;
}

const BOTH: WriterRole[] = ['secretariat', 'participant'];
const SECRETARIAT: WriterRole[] = ['secretariat'];

export const STAGE_KIND_CATALOGUE: Record<StageKind, KindDescription> = {
  stage: { summary: 'A generic stage: only the events listed under `on`.', events: [], deadlineLeadsToNext: false },
  drafting: {
    summary: 'The secretariat prepares a text version and shares it.',
    deadlineLeadsToNext: false,
    events: [
      { event: 'RECORD_VERSION', by: SECRETARIAT, leadsTo: 'stay', description: 'store a new draft of the text' },
      { event: 'SHARE_DRAFT', by: SECRETARIAT, leadsTo: 'next', description: 'share the draft and move on' },
    ],
  },
  comment_round: {
    summary: 'Invited organisations comment on the text or declare they have no comment, until the deadline.',
    deadlineLeadsToNext: true,
    events: [
      { event: 'INVITE', by: SECRETARIAT, leadsTo: 'stay', effect: 'invitation', description: 'invite organisations to respond' },
      { event: 'COMMENT', by: BOTH, leadsTo: 'stay', effect: 'response', description: 'submit a comment or proposal' },
      { event: 'NO_COMMENT', by: BOTH, leadsTo: 'stay', effect: 'response', description: 'declare "no comment"' },
      { event: 'EDIT_COMMENT', by: BOTH, leadsTo: 'stay', description: "edit one of the organisation's comments until its deadline" },
      { event: 'WITHDRAW_COMMENT', by: BOTH, leadsTo: 'stay', description: "withdraw one of the organisation's comments until its deadline" },
      { event: 'CLOSE_ROUND', by: SECRETARIAT, leadsTo: 'next', description: 'close the round before its deadline' },
    ],
  },
  questionnaire: {
    summary: 'A call for inputs: numbered questions, one submission per organisation, until the deadline.',
    deadlineLeadsToNext: true,
    events: [
      { event: 'INVITE', by: SECRETARIAT, leadsTo: 'stay', effect: 'invitation', description: 'invite organisations to answer' },
      { event: 'SET_QUESTIONS', by: SECRETARIAT, leadsTo: 'stay', description: 'set the numbered questions (before any answer arrives)' },
      { event: 'SUBMIT_ANSWERS', by: BOTH, leadsTo: 'stay', effect: 'response', description: 'submit or update answers' },
      { event: 'CLOSE_CALL', by: SECRETARIAT, leadsTo: 'next', description: 'close the call before its deadline' },
    ],
  },
  editorial_session: {
    summary: 'A dated meeting where proposals are presented, each gets a disposition and the text is finalised.',
    deadlineLeadsToNext: false,
    events: [
      { event: 'PRESENT_PROPOSALS', by: SECRETARIAT, leadsTo: 'stay', description: 'record who presented which proposals' },
      { event: 'RECORD_VERSION', by: SECRETARIAT, leadsTo: 'stay', description: 'store the text as revised in the session' },
      { event: 'RECORD_DISPOSITION', by: SECRETARIAT, leadsTo: 'stay', description: 'record the disposition of a comment' },
      { event: 'FINALISE_TEXT', by: SECRETARIAT, leadsTo: 'next', description: 'finalise the text and move on' },
    ],
  },
  reading: {
    summary: 'A reading of a frozen text version at a dated meeting in a named room.',
    deadlineLeadsToNext: false,
    events: [
      { event: 'RECORD_VERSION', by: SECRETARIAT, leadsTo: 'stay', description: 'store the revised text to be read' },
      { event: 'RECORD_READING', by: SECRETARIAT, leadsTo: 'next', description: 'record the reading and its outcome' },
    ],
  },
  decision: {
    summary: 'A body decides at a dated meeting; each outcome leads where `outcomes` says.',
    deadlineLeadsToNext: false,
    events: [{ event: 'DECIDE', by: SECRETARIAT, leadsTo: 'outcomes', effect: 'decision', description: 'record the body decision' }],
  },
  open_endorsement: {
    summary: 'Organisations join as signatories (online or at an event) and may withdraw.',
    deadlineLeadsToNext: true,
    events: [
      { event: 'ENDORSE', by: BOTH, leadsTo: 'stay', effect: 'endorsement', description: 'join as signatory' },
      { event: 'WITHDRAW_ENDORSEMENT', by: BOTH, leadsTo: 'stay', effect: 'withdrawal', description: 'withdraw a signature' },
      { event: 'VERIFY_SIGNATORY', by: SECRETARIAT, leadsTo: 'stay', description: 'verify a signatory' },
      { event: 'CLOSE_ENDORSEMENT', by: SECRETARIAT, leadsTo: 'next', description: 'close the signatory list' },
    ],
  },
  presentation: {
    summary: 'The text is presented at an event.',
    deadlineLeadsToNext: false,
    events: [{ event: 'PRESENT', by: SECRETARIAT, leadsTo: 'next', description: 'record the presentation' }],
  },
  submission: {
    summary: 'The text is submitted to a body (e.g. the UN General Assembly); co-sponsors may join before.',
    deadlineLeadsToNext: false,
    events: [
      { event: 'JOIN_AS_COSPONSOR', by: BOTH, leadsTo: 'stay', description: 'join the contribution as co-sponsor' },
      { event: 'WITHDRAW_COSPONSORSHIP', by: BOTH, leadsTo: 'stay', description: 'withdraw as co-sponsor' },
      { event: 'SUBMIT', by: SECRETARIAT, leadsTo: 'next', description: 'record the submission' },
    ],
  },
  parallel: {
    summary: 'Regions that run at the same time; `next` is taken when every region reaches its final stage.',
    deadlineLeadsToNext: false,
    events: [],
  },
  final: { summary: 'The process (or a region of it) ends here.', deadlineLeadsToNext: false, events: [] },
};
