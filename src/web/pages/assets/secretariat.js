import { api, describeError } from './api.js';
import { contributionName, fill, h, say, table, time } from './dom.js';
import { contributionOrExplain, idFromAddress, startPage } from './page.js';
import { organisationNames, trailTable, workflowFacts } from './trail.js';

const stageTitles = (contribution) => contribution.currentStages.map((stage) => stage.title).join(', ') || '—';
const pageOf = (id) => `/app/secretariat?contribution=${encodeURIComponent(id)}`;

startPage({
  roles: ['secretariat'],
  render: async (_me, content) => {
    const list = h('div', { id: 'contributions' });
    const detail = h('section', { id: 'detail', 'aria-labelledby': 'detail-heading', hidden: true });
    fill(content, h('section', { 'aria-labelledby': 'contributions-heading' }, h('h2', { id: 'contributions-heading' }, 'Contributions'), list), detail);
    const selected = idFromAddress('contribution');
    // After an event both the list (its current stages) and the detail are drawn again.
    const refresh = async (message) => {
      await showList(list, selected);
      if (selected) await showDetail(detail, selected, message, refresh);
    };
    await refresh();
  },
});

async function showList(container, selected) {
  const { items, total } = await api('/contributions?limit=200');
  const rows = items.map((c) => [
    c.symbol ?? '—',
    h('a', { href: pageOf(c.id), 'aria-current': c.id === selected ? 'page' : null }, c.title),
    `${c.workflow.name} (${c.workflow.key}, version ${c.workflow.version})`,
    stageTitles(c),
    c.status,
  ]);
  fill(
    container,
    table('Contributions, newest first; open one to see its deadlines and send events', ['Symbol', 'Title', 'Workflow', 'Current stages', 'Status'], rows, 'No contributions yet.'),
    total > items.length ? h('p', {}, `Showing the ${items.length} newest of ${total}.`) : null,
  );
}

/** One contribution: what it is, its pending deadlines, the events the secretariat may send now, its trail. */
async function showDetail(section, id, message, refresh) {
  const contribution = await contributionOrExplain(section, id);
  if (!contribution) return;
  const [{ items: records }, facts] = await Promise.all([api(`/contributions/${id}/transitions`), workflowFacts(contribution.workflow.id)]);
  const deadlines = (contribution.deadlines ?? []).filter((deadline) => deadline.status === 'pending');
  const names = await organisationNames([...records, ...deadlines.map((d) => ({ organisationId: d.organisationId }))]);
  const result = h('div', { id: 'event-result', 'aria-live': 'polite' });

  fill(
    section,
    h('h2', { id: 'detail-heading' }, contributionName(contribution)),
    h(
      'dl',
      {},
      h('dt', {}, 'Workflow'),
      h('dd', {}, `${contribution.workflow.name} (${contribution.workflow.key}, version ${contribution.workflow.version})`),
      h('dt', {}, 'Status'),
      h('dd', {}, contribution.status),
      h('dt', {}, 'Current stages'),
      h('dd', { id: 'current-stages' }, stageTitles(contribution)),
      h('dt', {}, 'Version shown'),
      h('dd', { id: 'version-shown' }, String(contribution.version)),
    ),
    h('h3', {}, 'Pending deadlines'),
    table(
      'Pending deadlines; each due instant is given in the deadline’s own time zone',
      ['Stage', 'For', 'Due'],
      deadlines.map((d) => [facts.titles.get(d.stage) ?? d.stage, d.organisationId ? (names.get(d.organisationId) ?? d.organisationId) : 'every organisation', time(d.dueAt, d.timeZone)]),
      'No pending deadline.',
    ),
    h('h3', {}, 'Events you can send now'),
    eventForm(contribution, result, refresh),
    result,
    h('h3', {}, 'Audit trail'),
    trailTable(records, { titles: facts.titles, timeZone: facts.timeZone, names, compact: true }),
    h(
      'p',
      {},
      h('a', { href: `/app/auditor?contribution=${encodeURIComponent(id)}` }, 'Full timeline with hashes'),
      ' · ',
      h('a', { href: `/app/public/${encodeURIComponent(id)}` }, 'Public page'),
    ),
  );
  section.hidden = false;
  if (message) say(result, 'ok', message);
}

/**
 * One button per event the secretariat may send now (one per outcome for decisions). Each sends
 * If-Match with the version on screen, so acting on a stale view is refused instead of applied.
 */
function eventForm(contribution, result, reload) {
  const events = contribution.allowedEvents.filter((event) => event.roles.includes('secretariat'));
  if (events.length === 0) return h('p', { class: 'empty' }, 'No event can be sent by the secretariat in the current stages.');
  const reason = h('input', { id: 'event-reason', name: 'reason', type: 'text', size: 60, maxlength: 2000 });
  const payload = h('textarea', { id: 'event-payload', name: 'payload', rows: 3, cols: 60, spellcheck: 'false', 'aria-describedby': 'event-payload-hint' });
  const buttons = [];
  const send = async (type, extra) => {
    let body;
    try {
      body = eventBody(type, payload.value, reason.value, extra);
    } catch (error) {
      return say(result, 'error', error.message);
    }
    buttons.forEach((button) => (button.disabled = true));
    say(result, 'info', `sending ${type}…`);
    try {
      const answer = await api(`/contributions/${contribution.id}/events`, { method: 'POST', body, headers: { 'If-Match': `"${contribution.version}"` } });
      await reload(`${type} recorded as record #${answer.transition.seq}; current stages: ${stageTitles(answer.contribution)}.`);
    } catch (error) {
      buttons.forEach((button) => (button.disabled = false));
      say(result, 'error', `${type} refused — ${describeError(error)}`);
    }
  };
  const items = events.flatMap((event) =>
    (event.outcomes ?? [null]).map((outcome) => {
      const label = outcome ? `${event.type}: ${outcome}` : event.type;
      const button = h('button', { type: 'button', on: { click: () => send(event.type, outcome ? { outcome } : {}) } }, label);
      buttons.push(button);
      return h('li', {}, button, event.description ? ` – ${event.description}` : '');
    }),
  );
  return h(
    'form',
    { class: 'events', on: { submit: (event) => event.preventDefault() } },
    h('p', {}, h('label', { for: 'event-reason' }, 'Reason (optional, kept in the audit trail)'), h('br'), reason),
    h(
      'p',
      {},
      h('label', { for: 'event-payload' }, 'Payload (optional JSON object)'),
      h('br'),
      payload,
      h('br'),
      h('small', { id: 'event-payload-hint' }, 'For example {"deadline": "2025-03-14"} for an event that opens a stage whose deadline it gives, or {"organisationIds": ["…"]} for INVITE.'),
    ),
    h('ul', { class: 'event-buttons' }, items),
  );
}

function eventBody(type, rawPayload, rawReason, extra) {
  let payload = {};
  if (rawPayload.trim()) {
    try {
      payload = JSON.parse(rawPayload);
    } catch (error) {
      throw new Error(`the payload is not valid JSON (${error.message})`);
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('the payload must be a JSON object, such as {"deadline": "2025-03-14"}');
  }
  payload = { ...payload, ...extra };
  const reason = rawReason.trim();
  return { type, ...(Object.keys(payload).length ? { payload } : {}), ...(reason ? { reason } : {}) };
}
