import { api, describeError, download } from './api.js';
import { contributionName, fill, h, say, table } from './dom.js';
import { contributionOrExplain, idFromAddress, startPage } from './page.js';
import { organisationNames, trailTable, workflowFacts } from './trail.js';

const pageOf = (id) => `/app/auditor?contribution=${encodeURIComponent(id)}`;

// Read-only by design: this page offers no button that changes anything.
startPage({
  roles: ['auditor', 'secretariat'],
  render: async (_me, content) => {
    const list = h('section', { 'aria-labelledby': 'contributions-heading' });
    const detail = h('section', { id: 'detail', 'aria-labelledby': 'detail-heading', hidden: true });
    const selected = idFromAddress('contribution');
    fill(content, selected ? [detail, list] : [list, detail]);
    await Promise.all([showList(list, selected), selected ? showTimeline(detail, selected) : null]);
  },
});

async function showList(section, selected) {
  const { items, total } = await api('/contributions?limit=200');
  fill(
    section,
    h('h2', { id: 'contributions-heading' }, 'Contributions'),
    table(
      'Contributions, newest first; open one for its timeline',
      ['Symbol', 'Title', 'Status', 'Audit records'],
      items.map((c) => [c.symbol ?? '—', h('a', { href: pageOf(c.id), 'aria-current': c.id === selected ? 'page' : null }, c.title), c.status, String(c.auditHead.seq)]),
      'No contributions yet.',
    ),
    total > items.length ? h('p', {}, `Showing the ${items.length} newest of ${total}.`) : null,
  );
}

async function showTimeline(section, id) {
  section.hidden = false;
  const contribution = await contributionOrExplain(section, id);
  if (!contribution) return;
  const [{ items: records }, verification, facts] = await Promise.all([
    api(`/contributions/${id}/transitions`),
    api(`/audit/verify?contributionId=${encodeURIComponent(id)}`),
    workflowFacts(contribution.workflow.id),
  ]);
  const names = await organisationNames(records);
  const status = h('div', { 'aria-live': 'polite' });
  const name = contribution.symbol ? contribution.symbol.replace(/[^\w.-]+/g, '_') : id;
  const fetched = (path, filename, text) =>
    h(
      'a',
      {
        href: path,
        on: {
          click: async (event) => {
            event.preventDefault();
            try {
              await download(path, filename);
              say(status, 'ok', `${filename} downloaded.`);
            } catch (error) {
              say(status, 'error', describeError(error));
            }
          },
        },
      },
      text,
    );
  const query = encodeURIComponent(id);
  fill(
    section,
    h('h2', { id: 'detail-heading' }, contributionName(contribution)),
    h('p', {}, `${contribution.workflow.name} (${contribution.workflow.key}, version ${contribution.workflow.version}); status ${contribution.status}; times in ${facts.timeZone}, the workflow’s zone.`),
    h('h3', {}, 'Chain verification'),
    h('p', { id: 'verification' }, verificationText(verification)),
    h('h3', {}, 'Reports and exports'),
    h(
      'ul',
      {},
      h('li', {}, fetched(`/contributions/${query}/report?format=html`, `key-stages-${name}.html`, 'Key-stages report (HTML, full variant)')),
      h('li', {}, h('a', { href: `/public/contributions/${query}/report?format=html` }, 'Key-stages report (HTML, public variant)')),
      h('li', {}, fetched(`/audit/export?format=ndjson&contributionId=${query}`, `trail-${name}.ndjson`, 'Audit trail export (NDJSON, with hashes)')),
      h('li', {}, fetched(`/audit/export?format=csv&contributionId=${query}`, `trail-${name}.csv`, 'Audit trail export (CSV)')),
      h('li', {}, h('a', { href: `/app/public/${query}` }, 'Public page')),
    ),
    status,
    h('h3', {}, 'Timeline'),
    trailTable(records, { titles: facts.titles, timeZone: facts.timeZone, names }),
  );
}

function verificationText(result) {
  if (result.ok) return `Chain verified: ${result.records} records, head hash ${result.headHash ?? 'none'}.`;
  const at = result.firstBreak ? ` at record #${result.firstBreak.seq}: ${result.firstBreak.message}` : '';
  return `Chain NOT verified${at}.`;
}
