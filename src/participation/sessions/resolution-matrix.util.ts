import { stringify } from 'csv-stringify/sync';

export interface MatrixComment {
  commentId: string;
  stageId: string;
  stageTitle: string;
  versionNumber: number | null;
  paragraphId: string | null;
  paragraphPosition: number | null;
  paragraphText: string | null;
  organisation: string;
  text: string;
  proposedText: string | null;
  submittedAt: Date;
  status: string;
  disposition: string | null;
  rationale: string | null;
  session: { id: string; date: string; body: string | null } | null;
}

export interface MatrixRow {
  round: string;
  roundTitle: string;
  version: number | null;
  paragraph: string;
  paragraphId: string | null;
  paragraphText: string | null;
  organisation: string;
  comment: string;
  proposedText: string | null;
  submittedAt: string;
  status: string;
  disposition: string;
  rationale: string;
  session: { id: string; date: string; body: string | null } | null;
  commentId: string;
}

const DISPOSITION_LABELS: Record<string, string> = {
  accepted: 'accepted',
  accepted_with_changes: 'accepted with changes',
  not_accepted: 'not accepted',
  noted: 'noted',
};

/**
 * The comment-resolution matrix: every comment, round by round (in the order the workflow
 * defines them), then by paragraph (comments on the whole text first), then as submitted; each
 * with its latest disposition and the session that gave it ("pending" until one does).
 */
export function resolutionMatrix(comments: MatrixComment[], stageOrder: string[]): MatrixRow[] {
  const rank = (stageId: string) => {
    const index = stageOrder.indexOf(stageId);
    return index < 0 ? stageOrder.length : index;
  };
  return [...comments]
    .sort(
      (a, b) =>
        rank(a.stageId) - rank(b.stageId) ||
        (a.versionNumber ?? 0) - (b.versionNumber ?? 0) ||
        (a.paragraphPosition ?? 0) - (b.paragraphPosition ?? 0) ||
        a.submittedAt.getTime() - b.submittedAt.getTime(),
    )
    .map((c) => ({
      round: c.stageId,
      roundTitle: c.stageTitle,
      version: c.versionNumber,
      paragraph: c.paragraphPosition === null ? 'whole text' : String(c.paragraphPosition),
      paragraphId: c.paragraphId,
      paragraphText: c.paragraphText,
      organisation: c.organisation,
      comment: c.text,
      proposedText: c.proposedText,
      submittedAt: c.submittedAt.toISOString(),
      status: c.status,
      disposition: c.status === 'withdrawn' && !c.disposition ? 'withdrawn' : c.disposition ? DISPOSITION_LABELS[c.disposition] ?? c.disposition : 'pending',
      rationale: c.rationale ?? '',
      session: c.session,
      commentId: c.commentId,
    }));
}

const CSV_COLUMNS: Array<[string, (row: MatrixRow) => string | number | null]> = [
  ['round', (r) => r.roundTitle],
  ['version', (r) => r.version],
  ['paragraph', (r) => r.paragraph],
  ['paragraph_text', (r) => r.paragraphText],
  ['organisation', (r) => r.organisation],
  ['comment', (r) => r.comment],
  ['proposed_text', (r) => r.proposedText],
  ['submitted_at', (r) => r.submittedAt],
  ['disposition', (r) => r.disposition],
  ['rationale', (r) => r.rationale],
  ['session_date', (r) => r.session?.date ?? null],
  ['session_body', (r) => r.session?.body ?? null],
  ['comment_id', (r) => r.commentId],
];

/** The matrix for spreadsheets: one header row, one row per comment, RFC 4180 quoting. */
export function matrixCsv(rows: MatrixRow[]): string {
  return stringify([CSV_COLUMNS.map(([name]) => name), ...rows.map((row) => CSV_COLUMNS.map(([, value]) => value(row) ?? ''))]);
}
