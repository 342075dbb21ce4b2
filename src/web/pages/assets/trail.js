import { api } from './api.js';
import { h, table, time } from './dom.js';

/** Stage titles and the authoritative zone of the workflow version a contribution runs on. */
export async function workflowFacts(workflowVersionId) {
  const workflow = await api(`/workflows/${encodeURIComponent(workflowVersionId)}`);
  const titles = new Map();
  const walk = (stages) => {
    for (const stage of stages ?? []) {
      titles.set(stage.id, stage.title ?? stage.id);
      for (const region of stage.regions ?? []) walk(region.stages);
    }
  };
  walk(workflow.stages);
  return { titles, timeZone: workflow.timeZone || 'UTC' };
}

/** Names of the organisations records are about (a secretariat acting on an organisation's behalf names only its id). */
export async function organisationNames(records) {
  const ids = [...new Set(records.flatMap((record) => [record.organisationId, record.actor?.organisationId]).filter(Boolean))];
  const names = new Map();
  await Promise.all(
    ids.map(async (id) => {
      try {
        names.set(id, (await api(`/organisations/${encodeURIComponent(id)}`)).name);
      } catch {
        names.set(id, id);
      }
    }),
  );
  return names;
}

const stages = (ids, titles) => (ids.length ? ids.map((id) => titles.get(id) ?? id).join(', ') : '—');

/**
 * The audit trail as a table, oldest first: business time and recording time (in the
 * workflow's zone, named), the stages before and after, the event, who sent it for which
 * organisation, why, and the record's hash. `compact` leaves out the recording time and the hash.
 */
export function trailTable(records, { titles, timeZone, names, compact = false }) {
  const headers = compact
    ? ['Record', 'Occurred at', 'From → to', 'Event', 'Actor', 'Organisation', 'Reason']
    : ['Record', 'Occurred at', 'Recorded at', 'From → to', 'Event', 'Actor', 'Organisation', 'Reason', 'Hash'];
  const rows = records.map((record) => {
    const organisationId = record.organisationId ?? record.actor?.organisationId ?? null;
    const organisation = organisationId ? (names.get(organisationId) ?? record.actor?.organisationName ?? organisationId) : '—';
    const noop = record.kind === 'noop' ? ' (no-op)' : '';
    const cells = [
      `#${record.seq}`,
      time(record.occurredAt, timeZone),
      ...(compact ? [] : [time(record.recordedAt, timeZone)]),
      `${stages(record.fromStages, titles)} → ${stages(record.toStages, titles)}`,
      h('code', {}, `${record.eventType}${noop}`),
      `${record.actor?.name ?? 'unknown'} (${record.actor?.role ?? '?'})`,
      organisation,
      record.reason ?? '—',
      ...(compact ? [] : [h('code', { class: 'hash' }, record.hash)]),
    ];
    return cells;
  });
  return table(compact ? 'Audit trail, oldest first' : 'Transitions, oldest first', headers, rows, 'No records.');
}
