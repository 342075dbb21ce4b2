import type { KeyStagesReport, ReportDeadline, ReportExtension, ReportIntegrity } from './key-stages.model';

/** Wording shared by the Markdown and HTML renderings, so both say exactly the same thing. */

export const REPORT_HEADING = 'Key stages of preparation';

/** "31 January 2025 → 14 March 2025" (every due date the deadline had, in order). */
export function deadlineChain(deadline: ReportDeadline): string {
  const general = deadline.extensions.filter((extension) => extension.organisation === null);
  const dates = [deadline.initialDueText ?? general[0]?.oldDueText, ...general.map((extension) => extension.newDueText)].filter((d): d is string => !!d);
  return dates.join(' → ') || 'not recorded';
}

export function extensionText(extension: ReportExtension): string {
  const who = extension.organisation ? ` for ${extension.organisation}` : '';
  const by = extension.authorisedBy ? `, authorised by ${extension.authorisedBy}` : '';
  const why = extension.reason ? `: ${extension.reason}` : '';
  return `${extension.oldDueText} → ${extension.newDueText}${who} (decided on ${extension.decidedOn}${by})${why}`;
}

export function closedText(deadline: ReportDeadline): string {
  if (!deadline.closedBy) return 'open';
  return deadline.closedBy === 'deadline' ? `${deadline.closedOn}, when the deadline passed` : `${deadline.closedOn}, closed before the deadline`;
}

export function metadataRows(report: KeyStagesReport): Array<[string, string]> {
  const c = report.contribution;
  const rows: Array<[string, string | null]> = [
    ['Symbol', c.symbol],
    ['Source', c.source],
    ['Original language', c.originalLanguage],
    ['Agenda item', c.agendaItem],
    ['Purpose', c.purpose],
    ['Action required', c.actionRequired],
    ['Process', `${report.workflow.name} (${report.workflow.key}, version ${report.workflow.version})`],
    ['Status', c.status === 'done' ? 'completed' : c.currentStages.length ? `in progress: ${c.currentStages.join('; ')}` : 'in progress'],
    ['Dates', `in the ${report.workflow.timeZone} time zone`],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}

/** The closing paragraph: what the report was generated from and how to check it. */
export function integrityText(integrity: ReportIntegrity, generatedAt: string): string {
  const hash = integrity.headHash ? `, the last with hash ${integrity.headHash}` : '';
  const chain = integrity.chainVerified
    ? 'Its hash chain verifies.'
    : `Its hash chain does NOT verify: ${integrity.firstBreak?.message ?? 'a record is missing or altered'}.`;
  const checkpoint = integrity.checkpoint
    ? integrity.checkpoint.matches
      ? ` Signed checkpoint #${integrity.checkpoint.sequence} (${integrity.checkpoint.createdAt}) vouches for records 1–${integrity.checkpoint.coversRecords}.`
      : ` Signed checkpoint #${integrity.checkpoint.sequence} (${integrity.checkpoint.createdAt}) vouched for a different record ${integrity.checkpoint.coversRecords}: the trail was rewritten.`
    : ' No signed checkpoint covers it yet.';
  return `Generated on ${generatedAt} from the audit trail of this contribution: ${integrity.records} records${hash}. ${chain}${checkpoint} Checkpoints and their public key: GET /audit/checkpoints.`;
}

export const STAGE_STATUS_LABEL = { completed: 'completed', in_progress: 'in progress' } as const;
