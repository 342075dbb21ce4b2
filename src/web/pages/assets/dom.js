/**
 * Building the DOM from API data. Everything goes in through createElement, textContent and
 * setAttribute, never innerHTML: a title such as `<img src=x onerror=…>` stays text.
 */

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'open']);

/** h('a', { href: '/x', on: { click } }, 'text', childNode, [more]) */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    else if (key === 'class') element.className = value;
    else if (PROPERTIES.has(key)) element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/**
 * A data table with a caption and column headers; the first cell of each row is its row header.
 * `rows` holds arrays of cells (text or nodes); `empty` is said when there are none.
 */
export function table(caption, headers, rows, empty = 'None.') {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  const body = rows.map((cells) => h('tr', {}, cells.map((cell, index) => (index === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))));
  // Wide tables scroll inside their own box rather than widening the page.
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', {}, h('caption', {}, caption), h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))), h('tbody', {}, body)),
  );
}

/**
 * "Friday 31 January 2025, 23:59 (Europe/Moscow)": built from parts so every browser writes it
 * the same way, always naming the zone.
 */
export function formatInZone(iso, timeZone) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  let zone = timeZone || 'UTC';
  let parts;
  try {
    parts = partsOf(date, zone);
  } catch {
    zone = 'UTC';
    parts = partsOf(date, zone);
  }
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} (${zone})`;
}

function partsOf(date, timeZone) {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** A <time> element: the machine-readable instant, and the words in the given zone. */
export function time(iso, timeZone = 'UTC') {
  return h('time', { datetime: iso }, formatInZone(iso, timeZone));
}

/** The zone this browser runs in, for things that have no zone of their own (notices, records). */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Writes a message into a live region; the kind is said in words, not only shown in colour. */
export function say(region, kind, text) {
  const label = { ok: 'Done', error: 'Error', info: 'Note' }[kind] ?? 'Note';
  fill(region, h('p', { class: `message ${kind}` }, h('strong', {}, `${label}: `), text));
}

export function contributionName(contribution) {
  return contribution.symbol ? `${contribution.symbol} – ${contribution.title}` : contribution.title;
}
