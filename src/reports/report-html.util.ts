import type { KeyStagesReport, ReportCount, ReportSignatory } from './key-stages.model';
import { closedText, deadlineChain, extensionText, integrityText, metadataRows, REPORT_HEADING } from './report-format.util';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const h = (text: string | number) => escapeHtml(String(text));

function table(header: string[], rows: Array<Array<string | number>>, className = ''): string {
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${header.map((cell) => `<th>${h(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${h(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function counts(title: string, list: ReportCount[]): string {
  return list.length ? table([title, 'Signatories'], list.map((entry) => [entry.label, entry.count]), 'counts') : '';
}

function signatoryItem(signatory: ReportSignatory): string {
  return `<li value="${signatory.position}">${h(signatory.name)}${signatory.country ? ` (${h(signatory.country)})` : ''}</li>`;
}

/** A printable, self-contained page (no scripts, no external resources). */
const STYLE = `
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 18pt; margin-bottom: .3em; } h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 1px solid #999; page-break-after: avoid; }
  table { border-collapse: collapse; width: 100%; margin: .6em 0; page-break-inside: avoid; font-size: 10pt; }
  th, td { border: 1px solid #bbb; padding: .25em .5em; text-align: left; vertical-align: top; }
  table.meta th, table.meta td { border: none; padding: .1em .5em .1em 0; } table.meta td:first-child { font-weight: bold; white-space: nowrap; }
  table.counts { width: auto; min-width: 50%; }
  .stage { margin: .5em 0; page-break-inside: avoid; }
  .note { font-style: italic; color: #444; } footer { margin-top: 2em; font-size: 9pt; color: #444; border-top: 1px solid #999; padding-top: .5em; word-break: break-all; }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

export function renderHtml(report: KeyStagesReport): string {
  const parts: string[] = [];
  const title = `${REPORT_HEADING}: ${report.contribution.title}`;
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${h(title)}</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>${h(title)}</h1>`);
  if (report.variant === 'public') parts.push('<p class="note">Public version: only what this contribution makes public.</p>');
  parts.push(`<table class="meta"><tbody>${metadataRows(report).map(([k, v]) => `<tr><td>${h(k)}</td><td>${h(v)}</td></tr>`).join('')}</tbody></table>`);

  parts.push('<h2>Key stages</h2>');
  if (report.stages.length === 0) parts.push('<p>No stage has been recorded yet.</p>');
  for (const stage of report.stages) parts.push(`<p class="stage" data-stage="${h(stage.stageId)}">${h(stage.sentence)}</p>`);

  if (report.deadlines.length) {
    parts.push('<h2>Deadlines</h2>');
    parts.push(table(['Stage', 'Deadline', 'Extensions', 'Closed'], report.deadlines.map((d) => [d.stageTitle, deadlineChain(d), d.extensions.map(extensionText).join('; ') || 'none', closedText(d)])));
  }

  const responding = report.stages.filter((stage) => stage.responses);
  if (responding.length) {
    parts.push('<h2>Responses</h2>');
    parts.push(
      table(
        ['Stage', 'Organisations responding', 'Comments or proposals', '“No comment”', 'Submissions', 'Published with consent'],
        responding.map((s) => [s.title, s.responses!.organisations, s.responses!.comments, s.responses!.noComment, s.responses!.submissions, s.responses!.published]),
      ),
    );
    for (const stage of responding) {
      if (stage.responses!.respondents?.length) {
        parts.push(`<p>Responding to “${h(stage.title)}”: ${stage.responses!.respondents.map((r) => h(r.consentToPublish === false ? `${r.name} (not for publication)` : r.name)).join('; ')}.</p>`);
      } else if (stage.responses!.publishedSubmissions?.length) {
        parts.push(`<p>Published submissions to “${h(stage.title)}”: ${stage.responses!.publishedSubmissions.map(h).join('; ')}.</p>`);
      }
    }
  }

  if (report.decisions.length) {
    parts.push('<h2>Decisions</h2>');
    parts.push(
      table(
        ['Meeting', 'Body', 'Decision', 'Note'],
        report.decisions.map((d) => [[d.meeting.text, d.meeting.location].filter(Boolean).join(', ') || '—', d.body ?? '—', d.outcome, d.reason ?? '']),
      ),
    );
  }

  if (report.signatories.length || report.awaitingVerification?.length) {
    parts.push('<h2>Endorsements</h2>');
    parts.push(`<p>${report.endorsements.total} signatory ${report.endorsements.total === 1 ? 'party has' : 'parties have'} joined (verified, not withdrawn).`);
    if (report.endorsements.awaitingVerification) parts.push(` ${report.endorsements.awaitingVerification} more ${report.endorsements.awaitingVerification === 1 ? 'awaits' : 'await'} verification by the secretariat.`);
    if (report.endorsements.withdrawn) parts.push(` ${report.endorsements.withdrawn} withdrew.`);
    parts.push('</p>', counts('Stakeholder type', report.endorsements.byStakeholderType), counts('Region', report.endorsements.byRegion));
  }
  if (report.signatories.length) parts.push('<h2>Annex: list of signatory parties</h2>', `<ol class="signatories">${report.signatories.map(signatoryItem).join('')}</ol>`);
  if (report.awaitingVerification?.length) {
    parts.push('<h2>Awaiting verification (not in the public list)</h2>', `<ol>${report.awaitingVerification.map(signatoryItem).join('')}</ol>`);
  }
  parts.push(`<footer>${h(integrityText(report.integrity, report.generatedAt))}</footer></body></html>`);
  return parts.join('\n');
}
