import type { KeyStagesReport } from './key-stages.model';
import { renderHtml } from './report-html.util';
import { renderMarkdown } from './report-markdown.util';

export const REPORT_FORMATS = ['json', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** ?format wins; otherwise the Accept header (a browser gets HTML); otherwise JSON. */
export function pickReportFormat(format: string | undefined, accept: string | undefined): ReportFormat {
  if (format === 'markdown') return 'md';
  if (format && (REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
  const wanted = (accept ?? '').toLowerCase();
  if (wanted.includes('text/html')) return 'html';
  if (wanted.includes('text/markdown')) return 'md';
  return 'json';
}

export function renderReport(report: KeyStagesReport, format: ReportFormat): { contentType: string; body: string | KeyStagesReport } {
  switch (format) {
    case 'md':
      return { contentType: 'text/markdown; charset=utf-8', body: renderMarkdown(report) };
    case 'html':
      return { contentType: 'text/html; charset=utf-8', body: renderHtml(report) };
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: report };
  }
}
