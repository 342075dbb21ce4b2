import { api, currentToken, describeError } from './api.js';
import { browserZone, contributionName, fill, h, say, table, time } from './dom.js';
import { contributionOrExplain, idFromAddress, startPage } from './page.js';

const COMMENTING = ['COMMENT', 'NO_COMMENT'];
const ENDORSING = ['ENDORSE', 'WITHDRAW_ENDORSEMENT'];
const pageOf = (id) => `/app/participant?contribution=${encodeURIComponent(id)}`;

startPage({
  roles: ['participant'],
  render: async (me, content) => {
    const inbox = h('section', { id: 'inbox', 'aria-labelledby': 'inbox-heading' });
    const due = h('section', { id: 'due', 'aria-labelledby': 'due-heading' });
    const open = h('section', { id: 'open', 'aria-labelledby': 'open-heading' });
    const detail = h('section', { id: 'detail', 'aria-labelledby': 'detail-heading', hidden: true });
    const selected = idFromAddress('contribution');
    fill(content, selected ? [detail, inbox, due, open] : [inbox, due, open, detail]);
    // After an action, what is due (has the organisation acted?) is drawn again with the contribution.
    const refresh = async (message) => {
      const { items: deadlines } = await api('/me/deadlines');
      showDue(due, me, deadlines);
      if (selected) await showDetail(detail, me, selected, deadlines, message, refresh);
    };
    await Promise.all([showInbox(inbox), showOpen(open, me), refresh()]);
  },
});

/** The inbox, unread first, newest first within each. */
async function showInbox(section) {
  const { items, unread } = await api('/me/notifications?limit=100');
  const ordered = [...items.filter((n) => !n.readAt), ...items.filter((n) => n.readAt)];
  const status = h('div', { 'aria-live': 'polite' });
  const markRead = async (path) => {
    try {
      await api(path, { method: 'POST' });
      await showInbox(section);
    } catch (error) {
      say(status, 'error', describeError(error));
    }
  };
  fill(
    section,
    h('h2', { id: 'inbox-heading' }, 'Notifications'),
    h('p', { id: 'unread-count' }, `${unread} unread`),
    unread > 0 ? h('p', {}, h('button', { type: 'button', on: { click: () => markRead('/me/notifications/read-all') } }, 'Mark all as read')) : null,
    status,
    ordered.length === 0
      ? h('p', { class: 'empty' }, 'No notifications.')
      : h(
          'ol',
          { class: 'notifications' },
          ordered.map((n) =>
            h(
              'li',
              { class: n.readAt ? 'read' : 'unread' },
              h(
                'article',
                { 'aria-labelledby': `notice-${n.id}` },
                h('h3', { id: `notice-${n.id}` }, n.subject),
                h('p', { class: 'meta' }, h('strong', {}, n.readAt ? 'Read' : 'Unread'), ' · received ', time(n.createdAt, browserZone())),
                h('p', { class: 'body' }, n.body),
                h(
                  'p',
                  {},
                  n.readAt
                    ? null
                    : h('button', { type: 'button', 'aria-describedby': `notice-${n.id}`, on: { click: () => markRead(`/me/notifications/${encodeURIComponent(n.id)}/read`) } }, 'Mark as read'),
                  n.readAt || !n.contributionId ? null : ' ',
                  n.contributionId ? h('a', { href: pageOf(n.contributionId) }, 'Open the contribution') : null,
                ),
              ),
            ),
          ),
        ),
  );
}

/** What is due for the organisation (GET /me/deadlines), and its calendar feed. */
function showDue(section, me, deadlines) {
  // Calendar applications cannot send a header, so the feed's address carries the token.
  const feed = `/me/calendar.ics?token=${encodeURIComponent(currentToken() ?? '')}`;
  fill(
    section,
    h('h2', { id: 'due-heading' }, `What is due for ${me.organisationName ?? 'your organisation'}`),
    table(
      'Pending deadlines, soonest first; each due instant is given in the deadline’s own time zone',
      ['Contribution', 'Stage', 'Due', 'Your organisation'],
      deadlines.map((d) => [
        h('a', { href: pageOf(d.contribution.id) }, contributionName(d.contribution)),
        d.stage.title,
        [time(d.dueAt, d.timeZone), d.forOrganisation ? ` (extended for ${d.forOrganisation})` : ''],
        d.acted ? 'has acted' : 'has not acted yet',
      ]),
      'Nothing is due for your organisation.',
    ),
    h('p', {}, h('a', { href: feed, id: 'calendar-feed' }, 'Calendar feed of your deadlines (iCalendar)'), ' – its address contains your token: give it only to your own calendar application.'),
  );
}

/** The participant events allowed now in a stage this organisation may act in (invited, or nobody was). */
function ownEvents(contribution, me) {
  const invited = contribution.facts?.invited ?? {};
  return contribution.allowedEvents.filter(
    (event) => event.roles.includes('participant') && event.stages.some((stage) => !(invited[stage]?.length > 0) || invited[stage].includes(me.organisationId)),
  );
}

function describeActions(events) {
  const types = events.map((event) => event.type);
  const words = [];
  if (types.includes('COMMENT')) words.push('comment');
  if (types.includes('NO_COMMENT')) words.push('declare “no comment”');
  if (types.includes('ENDORSE')) words.push('endorse (or withdraw an endorsement)');
  const other = types.filter((type) => !['COMMENT', 'NO_COMMENT', 'EDIT_COMMENT', 'WITHDRAW_COMMENT', ...ENDORSING].includes(type));
  // Events this page has no form for (e.g. JOIN_AS_COSPONSOR) are named, for the API.
  return [...words, ...other.map((type) => `${type} (through the API)`)].join(', ');
}

async function showOpen(section, me) {
  const { items } = await api('/contributions?status=active&limit=200');
  const rows = items
    .map((contribution) => ({ contribution, events: ownEvents(contribution, me) }))
    .filter(({ events }) => events.length > 0)
    .map(({ contribution: c, events }) => [c.symbol ?? '—', h('a', { href: pageOf(c.id) }, c.title), c.currentStages.map((s) => s.title).join(', '), describeActions(events)]);
  fill(
    section,
    h('h2', { id: 'open-heading' }, `Open for ${me.organisationName ?? 'your organisation'}`),
    table('Contributions in which your organisation can act now', ['Symbol', 'Title', 'Current stages', 'You can'], rows, 'Nothing is open for your organisation now.'),
  );
}

/** One contribution: its deadlines for the organisation, commenting by paragraph, its own comments, its endorsement. */
async function showDetail(section, me, id, deadlines, message, refresh) {
  section.hidden = false;
  const contribution = await contributionOrExplain(section, id);
  if (!contribution) return;
  const events = ownEvents(contribution, me).map((event) => event.type);
  const result = h('div', { id: 'action-result', 'aria-live': 'polite' });
  const mine = deadlines.filter((d) => d.contribution.id === id);
  fill(
    section,
    h('h2', { id: 'detail-heading' }, contributionName(contribution)),
    h('p', {}, h('a', { href: '/app/participant' }, 'Back to the inbox')),
    h('p', {}, 'Current stages: ', h('span', { id: 'current-stages' }, contribution.currentStages.map((s) => s.title).join(', ') || '—')),
    mine.length ? h('ul', {}, mine.map((d) => h('li', {}, `${d.stage.title}: due `, time(d.dueAt, d.timeZone)))) : null,
    result,
    events.some((type) => COMMENTING.includes(type)) ? await commentSection(contribution, me, events, result, refresh) : null,
    await ownComments(contribution),
    events.some((type) => ENDORSING.includes(type)) ? await endorsementSection(contribution, me, events, result, refresh) : null,
    events.length === 0 ? h('p', { class: 'empty' }, 'Your organisation cannot act in this contribution’s current stages.') : null,
  );
  if (message) say(result, 'ok', message);
}

async function commentSection(contribution, me, events, result, redraw) {
  const { items: versions } = await api(`/contributions/${contribution.id}/versions`);
  const newest = versions.length ? await api(`/contributions/${contribution.id}/versions/${versions[versions.length - 1].number}`) : null;
  const send = async (body, what) => {
    try {
      await api(`/contributions/${contribution.id}/comments`, { method: 'POST', body });
      await redraw(`your comment on ${what} was sent for ${me.organisationName}.`);
    } catch (error) {
      say(result, 'error', `the comment was refused — ${describeError(error)}`);
    }
  };
  const formFor = (slot, label, base, what) => {
    const text = h('textarea', { id: `${slot.id}-text`, rows: 4, cols: 60, required: true });
    const proposed = h('textarea', { id: `${slot.id}-proposed`, rows: 3, cols: 60 });
    const submit = async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return say(result, 'error', 'write your comment first');
      await send({ ...base, text: text.value, ...(proposed.value.trim() ? { proposedText: proposed.value } : {}) }, what);
    };
    fill(
      slot,
      h(
        'form',
        { class: 'comment', on: { submit } },
        h('p', {}, h('label', { for: text.id }, label), h('br'), text),
        h('p', {}, h('label', { for: proposed.id }, 'Proposed wording (optional)'), h('br'), proposed),
        h('p', {}, h('button', { type: 'submit' }, 'Send comment'), ' ', h('button', { type: 'button', on: { click: () => fill(slot) } }, 'Cancel')),
      ),
    );
    text.focus();
  };
  const paragraphs = newest
    ? h(
        'ol',
        { class: 'paragraphs' },
        newest.paragraphs.map((p) => {
          const slot = h('div', { id: `comment-${p.id}` });
          return h(
            'li',
            {},
            h('p', {}, p.text),
            events.includes('COMMENT')
              ? h('button', { type: 'button', on: { click: () => formFor(slot, `Your comment on paragraph ${p.position}`, { paragraphId: p.id, versionId: newest.id }, `paragraph ${p.position}`) } }, `Comment on paragraph ${p.position}`)
              : null,
            slot,
          );
        }),
      )
    : h('p', { class: 'empty' }, 'No text has been shared with you yet.');
  const whole = h('div', { id: 'comment-whole' });
  const noComment = async () => {
    try {
      await api(`/contributions/${contribution.id}/events`, { method: 'POST', body: { type: 'NO_COMMENT' } });
      await redraw(`“no comment” was declared for ${me.organisationName}.`);
    } catch (error) {
      say(result, 'error', `refused — ${describeError(error)}`);
    }
  };
  return h(
    'section',
    { 'aria-labelledby': 'comment-heading' },
    h('h3', { id: 'comment-heading' }, 'Comment on the text'),
    newest ? h('p', {}, `Version ${newest.number}${newest.label ? ` (${newest.label})` : ''}.`) : null,
    paragraphs,
    events.includes('COMMENT')
      ? h('p', {}, h('button', { type: 'button', on: { click: () => formFor(whole, 'Your comment on the whole text', newest ? { versionId: newest.id } : {}, 'the whole text') } }, 'Comment on the whole text'))
      : null,
    whole,
    events.includes('NO_COMMENT') ? h('p', {}, h('button', { type: 'button', on: { click: noComment } }, `Declare “no comment” for ${me.organisationName}`)) : null,
  );
}

/** The organisation's own comments: the API gives a participant no other organisation's. */
async function ownComments(contribution) {
  const { items, noComment } = await api(`/contributions/${contribution.id}/comments`);
  if (items.length === 0 && noComment.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'own-comments-heading' },
    h('h3', { id: 'own-comments-heading' }, 'Your organisation’s comments'),
    table(
      'Comments sent by your organisation',
      ['Paragraph', 'Comment', 'Proposed wording', 'Status', 'Disposition'],
      items.map((c) => [
        c.about?.paragraph ? `paragraph ${c.about.paragraph.position} of version ${c.about.version.number}` : 'whole text',
        c.text,
        c.proposedText ?? '—',
        c.status,
        c.disposition ? `${c.disposition.disposition ?? ''}${c.disposition.rationale ? ` – ${c.disposition.rationale}` : ''}` : 'none yet',
      ]),
      'No comments.',
    ),
    noComment.length ? h('p', {}, '“No comment” declared.') : null,
  );
}

/** Endorse, or withdraw, for the person's own organisation only; the API refuses any other. */
async function endorsementSection(contribution, me, events, result, redraw) {
  const { items, listed } = await api(`/contributions/${contribution.id}/signatories`);
  const own = items.find((s) => s.organisation.id === me.organisationId && s.status !== 'withdrawn');
  const send = async (type, body, done) => {
    try {
      await api(`/contributions/${contribution.id}/events`, { method: 'POST', body: { type, ...body } });
      await redraw(done);
    } catch (error) {
      say(result, 'error', `${type} refused — ${describeError(error)}`);
    }
  };
  const reason = h('input', { id: 'withdraw-reason', type: 'text', size: 60, maxlength: 2000 });
  const state = own
    ? own.status === 'listed'
      ? `endorsed on ${own.joinedOn}; listed as signatory number ${own.position}.`
      : `endorsed on ${own.joinedOn}; awaiting verification by the secretariat before it is listed.`
    : 'not endorsed.';
  return h(
    'section',
    { 'aria-labelledby': 'endorse-heading' },
    h('h3', { id: 'endorse-heading' }, 'Endorsement'),
    h('p', {}, `${listed} signatories are listed. ${me.organisationName}: `, h('span', { id: 'endorsement-state' }, state)),
    !own && events.includes('ENDORSE')
      ? h('p', {}, h('button', { type: 'button', on: { click: () => send('ENDORSE', { payload: { channel: 'online' } }, `${me.organisationName} endorsed the text.`) } }, `Endorse for ${me.organisationName}`))
      : null,
    own && events.includes('WITHDRAW_ENDORSEMENT')
      ? h(
          'form',
          {
            on: {
              submit: (event) => {
                event.preventDefault();
                const why = reason.value.trim();
                send('WITHDRAW_ENDORSEMENT', why ? { reason: why } : {}, `${me.organisationName} withdrew its endorsement.`);
              },
            },
          },
          h('p', {}, h('label', { for: 'withdraw-reason' }, 'Reason for withdrawing (optional)'), h('br'), reason),
          h('p', {}, h('button', { type: 'submit' }, `Withdraw the endorsement of ${me.organisationName}`)),
        )
      : null,
  );
}
