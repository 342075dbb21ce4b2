import type { KeyStagesReport, ReportCount, ReportSignatory } from './key-stages.model';
import { closedText, deadlineChain, extensionText, integrityText, metadataRows, REPORT_HEADING } from './report-format.util';

/** Text placed in Markdown: characters that would start markup are escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#>+-])/, '$1\\$2');
}

const cell = (text: string | number) => escapeMarkdown(String(text));

function table(header: string[], rows: Array<Array<string | number>>): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

function counts(title: string, list: ReportCount[]): string[] {
  return list.length ? ['', ...table([title, 'Signatories'], list.map((entry) => [entry.label, entry.count]))] : [];
}

function signatoryLine(signatory: ReportSignatory): string {
  const where = signatory.country ? ` (${signatory.country})` : '';
  return `${signatory.position}. ${escapeMarkdown(signatory.name)}${escapeMarkdown(where)}`;
}

export function renderMarkdown(report: KeyStagesReport): string {
  const lines: string[] = [];
  lines.push(`# ${REPORT_HEADING}: ${escapeMarkdown(report.contribution.title)}`, '');
  if (report.variant === 'public') lines.push('_Public version: only what this contribution makes public._', '');
  lines.push(...table(['', ''], metadataRows(report)));

  lines.push('', '## Key stages', '');
  if (report.stages.length === 0) lines.push('No stage has been recorded yet.');
  for (const stage of report.stages) lines.push(escapeMarkdown(stage.sentence), '');

  if (report.deadlines.length) {
    lines.push('## Deadlines', '');
    lines.push(
      ...table(
        ['Stage', 'Deadline', 'Extensions', 'Closed'],
        report.deadlines.map((d) => [d.stageTitle, deadlineChain(d), d.extensions.map(extensionText).join('; ') || 'none', closedText(d)]),
      ),
      '',
    );
  }

  const responding = report.stages.filter((stage) => stage.responses);
  if (responding.length) {
    lines.push('## Responses', '');
    lines.push(
      ...table(
        ['Stage', 'Organisations responding', 'Comments or proposals', '“No comment”', 'Submissions', 'Published with consent'],
        responding.map((s) => [s.title, s.responses!.organisations, s.responses!.comments, s.responses!.noComment, s.responses!.submissions, s.responses!.published]),
      ),
      '',
    );
    for (const stage of responding) {
      if (stage.responses!.respondents?.length) {
        lines.push(`Responding to “${escapeMarkdown(stage.title)}”: ${stage.responses!.respondents.map((r) => escapeMarkdown(r.consentToPublish === false ? `${r.name} (not for publication)` : r.name)).join('; ')}.`, '');
      } else if (stage.responses!.publishedSubmissions?.length) {
        lines.push(`Published submissions to “${escapeMarkdown(stage.title)}”: ${stage.responses!.publishedSubmissions.map(escapeMarkdown).join('; ')}.`, '');
      }
    }
  }

  if (report.decisions.length) {
    lines.push('## Decisions', '');
    lines.push(
      ...table(
        ['Meeting', 'Body', 'Decision', 'Note'],
        report.decisions.map((d) => [[d.meeting.text, d.meeting.location].filter(Boolean).join(', ') || '—', d.body ?? '—', d.outcome, d.reason ?? '']),
      ),
      '',
    );
  }

  if (report.signatories.length || report.awaitingVerification?.length) {
    lines.push('## Endorsements', '');
    lines.push(`${report.endorsements.total} signatory ${report.endorsements.total === 1 ? 'party has' : 'parties have'} joined (verified, not withdrawn).`);
    if (report.endorsements.awaitingVerification) lines.push(`${report.endorsements.awaitingVerification} more ${report.endorsements.awaitingVerification === 1 ? 'awaits' : 'await'} verification by the secretariat.`);
    if (report.endorsements.withdrawn) lines.push(`${report.endorsements.withdrawn} withdrew.`);
    lines.push(...counts('Stakeholder type', report.endorsements.byStakeholderType), ...counts('Region', report.endorsements.byRegion), '');
  }

  if (report.signatories.length) {
    lines.push('## Annex: list of signatory parties', '', ...report.signatories.map(signatoryLine), '');
  }
  if (report.awaitingVerification?.length) {
    lines.push('## Awaiting verification (not in the public list)', '', ...report.awaitingVerification.map(signatoryLine), '');
  }

  lines.push('---', '', `_${escapeMarkdown(integrityText(report.integrity, report.generatedAt))}_`, '');
  return lines.join('\n');
}
