/**
 * The bearer token and calls to the JSON API. The token lives in sessionStorage (gone when the
 * tab closes) and is sent as an Authorization header; a ?token= in the address is taken once and
 * removed from it, so it is not left in the history or a bookmark.
 */

const KEY = 'consultation-engine.token';

export function takeTokenFromAddress() {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  const token = (url.searchParams.get('token') ?? '').trim();
  if (token) sessionStorage.setItem(KEY, token);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

export const currentToken = () => sessionStorage.getItem(KEY);
export const keepToken = (token) => sessionStorage.setItem(KEY, token.trim());
export const forgetToken = () => sessionStorage.removeItem(KEY);

/** An answer other than 2xx; `message` is the server's own words. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body.message === 'string' ? body.message : `the server answered HTTP ${status}`);
    this.status = status;
    this.code = body && typeof body.error === 'string' ? body.error : null;
    this.body = body;
  }

  /** "409 version_mismatch: If-Match expected version 3 …" */
  describe() {
    return `${this.status}${this.code ? ` ${this.code}` : ''}: ${this.message}`;
  }
}

export function describeError(error) {
  if (error instanceof ApiError) return error.describe();
  return `the request did not complete (${error instanceof Error ? error.message : String(error)})`;
}

function headersFor(extra, withToken) {
  const headers = { Accept: 'application/json', ...extra };
  const token = currentToken();
  if (withToken && token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

/** GET or POST JSON; resolves with the parsed body, rejects with an ApiError. */
export async function api(path, { method = 'GET', body, headers = {}, withToken = true } = {}) {
  const response = await fetch(path, {
    method,
    headers: headersFor(body === undefined ? headers : { 'Content-Type': 'application/json', ...headers }, withToken),
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text };
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * Downloads a file the API only gives to a token holder (reports, exports): a link cannot carry
 * the Authorization header, so the page fetches it and hands the browser the bytes.
 */
export async function download(path, filename) {
  const response = await fetch(path, { headers: headersFor({ Accept: '*/*' }, true), cache: 'no-store' });
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    throw new ApiError(response.status, body);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
