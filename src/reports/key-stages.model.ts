import type { StageKind } from '../workflows/definition/definition.types';

/**
 * The key-stages report as data (the JSON output); Markdown and HTML are renderings of it.
 * `full` is for auditors and the secretariat; `public` keeps only what the public may read.
 */
export type ReportVariant = 'full' | 'public';

/** A day or a span of days in the workflow's zone, with the words the report prints. */
export interface ReportWhen {
  start: string;
  end: string;
  text: string;
  /** The stage has not ended: `end` is the last day with a recorded fact. */
  ongoing: boolean;
}

export interface ReportExtension {
  organisation: string | null;
  oldDueAt: string;
  newDueAt: string;
  oldDueText: string;
  newDueText: string;
  decidedOn: string;
  reason: string | null;
  /** Full report only: the person who authorised it. */
  authorisedBy?: string | null;
}

export interface ReportDeadline {
  stageId: string;
  stageTitle: string;
  timeZone: string;
  initialDueAt: string | null;
  initialDueText: string | null;
  finalDueAt: string | null;
  finalDueText: string | null;
  extensions: ReportExtension[];
  /** How the stage ended: when its deadline passed, or closed by hand (the event), or not yet. */
  closedBy: 'deadline' | 'event' | null;
  closedOn: string | null;
}

export interface ReportResponses {
  /** Organisations that responded (comment, "no comment" or submission). */
  organisations: number;
  comments: number;
  noComment: number;
  submissions: number;
  /** Submissions whose organisation consented to publication. */
  published: number;
  /** Full report only: every responding organisation. */
  respondents?: Array<{ name: string; consentToPublish?: boolean }>;
  /** Organisations whose submission may be published (both variants). */
  publishedSubmissions?: string[];
}

export interface ReportDecision {
  stageId: string;
  outcome: string;
  body: string | null;
  meeting: { date: string | null; text: string | null; location: string | null };
  reason: string | null;
}

export interface ReportStage {
  stageId: string;
  kind: StageKind;
  title: string;
  body: string | null;
  /** 1 for the first time the stage was entered, 2 if it was entered again, … */
  visit: number;
  status: 'completed' | 'in_progress';
  /** The date the sentence leads with (and the report is ordered by). */
  when: ReportWhen;
  /** From entry to exit. */
  period: ReportWhen;
  sentence: string;
  enteredAt: string;
  completedAt: string | null;
  completedBy: string | null;
  responses?: ReportResponses;
  decisions?: ReportDecision[];
  presenters?: string[];
  event?: { name: string; startDate: string | null; endDate: string | null; location: string | null };
  submission?: { recipient: string; agendaItem: string | null; agendaTitle: string | null; symbol: string | null; cosponsors: string[] };
  reading?: { room: string | null; outcome: string | null };
  endorsementEvents?: Array<{ name: string; date: string | null; location: string | null }>;
  deadlines: ReportDeadline[];
  /** Full report only: the audit records (seq) this stage's facts come from. */
  records?: number[];
}

export interface ReportSignatory {
  position: number;
  name: string;
  country: string | null;
  stakeholderType: string | null;
  region: string | null;
  joinedOn: string;
  channel: 'online' | 'event';
  event: string | null;
}

export interface ReportCount {
  key: string | null;
  label: string;
  count: number;
}

export interface KeyStagesReport {
  variant: ReportVariant;
  generatedAt: string;
  contribution: {
    id: string;
    symbol: string | null;
    title: string;
    source: string | null;
    originalLanguage: string | null;
    agendaItem: string | null;
    purpose: string | null;
    actionRequired: string | null;
    status: string;
    currentStages: string[];
  };
  workflow: { key: string; version: number; name: string; timeZone: string };
  stages: ReportStage[];
  deadlines: ReportDeadline[];
  decisions: ReportDecision[];
  endorsements: {
    total: number;
    byStakeholderType: ReportCount[];
    byRegion: ReportCount[];
    /** Full report only: joined but not (yet) verified by the secretariat. */
    awaitingVerification?: number;
    /** Full report only. */
    withdrawn?: number;
  };
  signatories: ReportSignatory[];
  /** Full report only. */
  awaitingVerification?: ReportSignatory[];
  integrity: ReportIntegrity;
}

export interface ReportIntegrity {
  records: number;
  headSeq: number;
  headHash: string | null;
  chainVerified: boolean;
  firstBreak: { seq: number; problem: string; message: string } | null;
  checkpoint: { sequence: number; createdAt: string; coversRecords: number; matches: boolean } | null;
}
