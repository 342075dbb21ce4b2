import { ApiError, api, currentToken, describeError, forgetToken, keepToken, takeTokenFromAddress } from './api.js';
import { append, fill, h, say } from './dom.js';

export const ROLE_PAGES = { secretariat: '/app/secretariat', participant: '/app/participant', auditor: '/app/auditor' };
const ROLE_NAMES = { secretariat: 'the secretariat', participant: 'participants', auditor: 'auditors' };

/**
 * Every signed-in page: take a ?token= from the address, ask GET /me who it is, show the sign-in
 * form while there is no usable token, and say so plainly when the role is not one this page is
 * for. `render(me, content)` then draws the page into #content.
 */
export async function startPage({ roles, render }) {
  takeTokenFromAddress();
  const signin = document.getElementById('signin');
  const content = document.getElementById('content');
  const begin = async (me) => {
    fill(signin);
    showSession(me);
    content.hidden = false;
    if (roles && !roles.includes(me.role)) {
      const own = ROLE_PAGES[me.role];
      fill(
        content,
        h('p', { role: 'alert' }, `This page is for ${roles.map((role) => ROLE_NAMES[role] ?? role).join(' and ')}; you are signed in as ${describeRole(me)}.`),
        own ? h('p', {}, h('a', { href: own }, 'Go to your page')) : null,
      );
      return;
    }
    try {
      await render(me, content);
    } catch (error) {
      append(content, h('p', { role: 'alert', class: 'message error' }, h('strong', {}, 'Error: '), describeError(error)));
    }
  };
  if (!currentToken()) return showSignIn(signin, begin);
  try {
    await begin(await api('/me'));
  } catch (error) {
    showSignIn(signin, begin, refused(error));
  }
}

/** A token the API refuses is forgotten, so the form asks for another one. */
function refused(error) {
  if (error instanceof ApiError && error.status === 401) forgetToken();
  return `your token was not accepted (${describeError(error)})`;
}

export function describeRole(me) {
  return `${me.name} (${me.role}${me.organisationName ? `, ${me.organisationName}` : ''})`;
}

/** The form where a person pastes the token the CLI (or their secretariat) gave them. */
export function showSignIn(container, then, problem) {
  const input = h('input', { id: 'token-input', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const submit = async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return say(status, 'error', 'paste your token first');
    keepToken(token);
    let me;
    try {
      me = await api('/me');
    } catch (error) {
      return say(status, 'error', refused(error));
    }
    input.value = '';
    await then(me);
  };
  fill(
    container,
    h(
      'form',
      { class: 'signin', on: { submit } },
      h('h2', {}, 'Sign in'),
      h('p', {}, 'Paste the bearer token you were given. An operator creates one with ', h('code', {}, 'npm run cli -- token create …'), '; a secretariat can register you too.'),
      h('p', {}, h('label', { for: 'token-input' }, 'Bearer token'), ' ', input, ' ', h('button', { type: 'submit' }, 'Sign in')),
      status,
    ),
  );
  if (problem) say(status, 'error', problem);
}

function showSession(me) {
  const session = document.getElementById('session');
  if (!session) return;
  const signOut = () => {
    forgetToken();
    window.location.assign('/app/');
  };
  fill(session, h('span', {}, `Signed in as ${describeRole(me)}`), ' ', h('button', { type: 'button', on: { click: signOut } }, 'Sign out'));
}

/** The value of ?name= in the address if it is a UUID; anything else is ignored. */
export function idFromAddress(name) {
  const value = new URL(window.location.href).searchParams.get(name);
  return value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : null;
}

/**
 * GET /contributions/:id for a page's detail section. When it fails (gone, not allowed, a bad id)
 * the section says why and the caller gets null, so each page handles a dead link the same way.
 */
export async function contributionOrExplain(section, id) {
  try {
    return await api(`/contributions/${id}`);
  } catch (error) {
    section.hidden = false;
    fill(section, h('h2', { id: 'detail-heading' }, 'Contribution'), h('p', { role: 'alert' }, describeError(error)));
    return null;
  }
}
