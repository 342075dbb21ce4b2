import { STAKEHOLDER_TYPES } from '../../organisations/entities/organisation.entity';

export interface SubmissionFacts {
  stakeholderType: string | null;
  region: string | null;
  consentToPublish: boolean;
}

export interface CountEntry {
  /** null: the organisation did not state it. */
  key: string | null;
  count: number;
  published: number;
}

export interface SubmissionCounts {
  total: number;
  published: number;
  byStakeholderType: CountEntry[];
  byRegion: CountEntry[];
}

/**
 * Submissions counted by the respondent organisation's stakeholder type (in the usual order:
 * governments first) and region (alphabetical); "not stated" last; each with how many of them
 * are published with consent.
 */
export function submissionCounts(submissions: SubmissionFacts[]): SubmissionCounts {
  return {
    total: submissions.length,
    published: submissions.filter((s) => s.consentToPublish).length,
    byStakeholderType: group(submissions, (s) => s.stakeholderType, (a, b) => STAKEHOLDER_TYPES.indexOf(a as never) - STAKEHOLDER_TYPES.indexOf(b as never)),
    byRegion: group(submissions, (s) => s.region, (a, b) => a.localeCompare(b)),
  };
}

function group(submissions: SubmissionFacts[], key: (s: SubmissionFacts) => string | null, compare: (a: string, b: string) => number): CountEntry[] {
  const entries = new Map<string | null, CountEntry>();
  for (const submission of submissions) {
    const k = key(submission);
    const entry = entries.get(k) ?? { key: k, count: 0, published: 0 };
    entry.count++;
    if (submission.consentToPublish) entry.published++;
    entries.set(k, entry);
  }
  return [...entries.values()].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : compare(a.key, b.key)));
}
