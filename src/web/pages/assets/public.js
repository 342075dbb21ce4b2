import { ApiError, api, describeError } from './api.js';
import { contributionName, fill, h, table, time } from './dom.js';

// What anyone may read, without a token: nothing here is sent with one.
const id = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).pop() ?? '');
const publicApi = (path) => api(`/public/contributions/${encodeURIComponent(id)}/${path}`, { withToken: false });

async function main() {
  const content = document.getElementById('content');
  let report;
  try {
    report = await publicApi('report?format=json');
  } catch (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return fill(content, h('p', { role: 'alert' }, missing ? 'There is no contribution with this address.' : describeError(error)));
  }
  const [text, signatories] = await Promise.all([publicApi('text').catch((error) => error), publicApi('signatories')]);
  document.title = `${contributionName(report.contribution)} – Consultation Engine`;
  fill(
    content,
    h('h1', {}, contributionName(report.contribution)),
    h('p', {}, [report.contribution.source, report.workflow.name].filter(Boolean).join(' · ')),
    h('section', { 'aria-labelledby': 'text-heading' }, h('h2', { id: 'text-heading' }, 'Final text'), finalText(text, report.workflow.timeZone)),
    h(
      'section',
      { 'aria-labelledby': 'signatories-heading' },
      h('h2', { id: 'signatories-heading' }, 'Signatories'),
      h('p', {}, `${signatories.count} ${signatories.count === 1 ? 'party has' : 'parties have'} joined, in joining order.`),
      table(
        'Signatories in joining order',
        ['No.', 'Organisation', 'Country', 'Stakeholder type', 'Region', 'Joined', 'How'],
        signatories.items.map((s) => [
          String(s.position),
          s.name,
          s.country ?? '—',
          (s.stakeholderType ?? '—').replace(/_/g, ' '),
          s.region ?? '—',
          s.joinedOn,
          s.channel === 'event' && s.event ? `at ${s.event}` : 'online',
        ]),
        'No signatories yet.',
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'stages-heading' },
      h('h2', { id: 'stages-heading' }, 'Key stages'),
      report.stages.length ? h('ol', { class: 'stages' }, report.stages.map((stage) => h('li', {}, stage.sentence))) : h('p', { class: 'empty' }, 'No stage yet.'),
      h('p', {}, `Dates in ${report.workflow.timeZone}. `, integrity(report.integrity)),
      h('p', {}, h('a', { href: `/public/contributions/${encodeURIComponent(id)}/report?format=html` }, 'Printable key-stages report (HTML)')),
    ),
  );
}

function finalText(text, timeZone) {
  if (text instanceof ApiError && text.status === 404) return h('p', { id: 'not-published' }, 'Not yet published: no version has been endorsed or submitted yet.');
  if (text instanceof Error) return h('p', { role: 'alert' }, describeError(text));
  const by = text.basis?.by ? ` ${text.basis.kind === 'submitted' ? 'to' : 'by'} ${text.basis.by}` : '';
  const basis = text.basis ? [` (${text.basis.kind}${by}, `, time(text.basis.on, timeZone), ')'] : '';
  return [h('p', {}, `Version ${text.version}${text.label ? `, ${text.label}` : ''}`, basis, '.'), h('ol', { class: 'paragraphs' }, text.paragraphs.map((paragraph) => h('li', {}, paragraph)))];
}

function integrity(result) {
  const head = result.headHash ? `, head hash ${result.headHash}` : '';
  return `Audit trail: ${result.records} records${head}; ${result.chainVerified ? 'chain verified' : 'chain NOT verified'}.`;
}

main().catch((error) => fill(document.getElementById('content'), h('p', { role: 'alert' }, describeError(error))));
