import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { JobQueues } from '../../../src/queues/job-queues.service';
import { DeadlineFiringService } from '../../../src/scheduling/deadline-firing.service';
import { isoIn, outboxRelayed, publishQuickRound, records, sleepUntil, waitFor } from './support/scheduling-helpers';

/**
 * Deadline jobs that arrive when their deadline no longer applies are recorded as no-ops,
 * visible to auditors: never a second transition, never an error loop.
 */
describe('a deadline that no longer applies', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;

  beforeAll(async () => {
    t = await setup({ workers: true, env: { RELAY_POLL_MS: '200' } });
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    await publishQuickRound(t, secretariat);
  });

  afterAll(async () => t?.close());

  async function openRound(deadline: string): Promise<string> {
    const { id } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Round' });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline } });
    return id;
  }

  it('acceptance: the secretariat closes the round by hand one second before the deadline; the deadline job later records a no-op; still one transition', async () => {
    const dueAt = isoIn(3000);
    const id = await openRound(dueAt);
    await sleepUntil(Date.parse(dueAt) - 1000);
    await send(t, secretariat, id, { type: 'CLOSE_ROUND', reason: 'all inputs received' });

    const noop = await waitFor('the no-op record', async () => (await records(t, id)).find((record) => record.event_type === 'DEADLINE.comments'));
    expect(noop.kind).toBe('noop');
    expect(noop.details.noop).toBe('DEADLINE.comments no longer applies: current stages are editorial');
    expect(noop.from_stages).toEqual(['editorial']);
    expect(noop.to_stages).toEqual(['editorial']);

    const trail = await records(t, id);
    expect(trail.filter((record) => record.kind === 'transition' && record.from_stages.includes('comments'))).toHaveLength(1);
    expect(trail.filter((record) => record.kind === 'transition' && record.from_stages.includes('comments'))[0].event_type).toBe('CLOSE_ROUND');
    // Auditors see it in the trail, with the engine as actor.
    const visible = await t.http().get(`/contributions/${id}/transitions`).set(auditor.auth).expect(200);
    expect(visible.body.items.at(-1)).toEqual(expect.objectContaining({ kind: 'noop', eventType: 'DEADLINE.comments' }));
    const { rows } = await t.db.query(`SELECT status FROM deadlines WHERE contribution_id = $1`, [id]);
    expect(rows).toEqual([{ status: 'cancelled' }]);
    expect((await t.http().get('/audit/verify').query({ contributionId: id }).set(auditor.auth).expect(200)).body.ok).toBe(true);
  });

  it('a stale job from before an extension (one that escaped removal) records a no-op and the stage stays open', async () => {
    const id = await openRound(isoIn(60_000));
    await send(t, secretariat, id, { type: 'EXTEND_DEADLINE', payload: { dueAt: isoIn(120_000) }, reason: 'more time' });
    const [deadline] = (await t.db.query(`SELECT id, stage_id FROM deadlines WHERE contribution_id = $1`, [id])).rows;
    await outboxRelayed(t);
    // What a lagging relay would do: publish generation 1 after the extension removed it.
    await t.app.get(JobQueues).enqueue([
      {
        name: 'deadline.fire',
        id: `deadline-${deadline.id}-g1`,
        data: { deadlineId: deadline.id, generation: 1, contributionId: id, stageId: 'comments', dueAt: new Date().toISOString() },
      },
    ]);
    const noop = await waitFor('the no-op record', async () => (await records(t, id)).find((record) => record.event_type === 'DEADLINE.comments'));
    expect(noop.kind).toBe('noop');
    expect(noop.details.noop).toBe('stale deadline job: generation 1 was superseded by generation 2 (deadline extended)');
    const view = await t.http().get(`/contributions/${id}`).set(auditor.auth).expect(200);
    expect(view.body.currentStages.map((stage: { id: string }) => stage.id)).toEqual(['comments']);
    expect(view.body.deadlines[0]).toEqual(expect.objectContaining({ status: 'pending', generation: 2 }));

    // The same job running again (a crashed worker, a re-created job) adds nothing.
    const again = await t.app.get(DeadlineFiringService).fire({ deadlineId: deadline.id, generation: 1, contributionId: id, stageId: 'comments', dueAt: new Date().toISOString() });
    expect(again.status).toBe('skipped');
    const late = await t.app.get(DeadlineFiringService).fire({ deadlineId: deadline.id, generation: 1, contributionId: id, stageId: 'comments', dueAt: new Date().toISOString(), late: true });
    expect(late.status).toBe('skipped');
    expect((await records(t, id)).filter((record) => record.event_type === 'DEADLINE.comments')).toHaveLength(1);
  });

  it('a deadline job for a contribution that has ended is a no-op, not an error', async () => {
    const id = await openRound(isoIn(60_000));
    await send(t, secretariat, id, { type: 'CLOSE_ROUND' });
    await send(t, secretariat, id, { type: 'FINALISE_TEXT' });
    const [deadline] = (await t.db.query(`SELECT id FROM deadlines WHERE contribution_id = $1`, [id])).rows;
    // Reminders still ahead when the round closed will not be sent.
    const reminders = await t.db.query(`SELECT status, outcome->>'reason' AS reason FROM reminders WHERE contribution_id = $1`, [id]);
    expect(reminders.rows).toEqual(Array(3).fill({ status: 'cancelled', reason: 'the stage was left' }));
    const outcome = await t.app.get(DeadlineFiringService).fire({ deadlineId: deadline.id, generation: 1, contributionId: id, stageId: 'comments', dueAt: new Date().toISOString() });
    expect(outcome).toEqual(expect.objectContaining({ status: 'done', kind: 'noop' }));
    const trail = await records(t, id);
    expect(trail.at(-1)).toEqual(expect.objectContaining({ kind: 'noop', event_type: 'DEADLINE.comments' }));
    expect(trail.at(-1)!.details.noop).toBe('DEADLINE.comments no longer applies: current stages are done');
  });

  it('a deadline leading to a stage whose deadline the opening event should give opens that stage without one, and says why', async () => {
    const chained = `
id: chained-rounds
name: Two rounds in a row
stages:
  - id: first
    kind: comment_round
    deadline: { fromEvent: true }
    next: second
  - id: second
    kind: comment_round
    deadline: { fromEvent: true }
    next: done
  - id: done
    kind: final
`;
    await t.http().post('/workflows').set(secretariat.auth).set('Content-Type', 'application/yaml').send(chained).expect(201);
    const { id } = await openContribution(t, secretariat, { workflow: 'chained-rounds', title: 'Chained', deadline: isoIn(1000) });
    const fired = await waitFor('the first round to close', async () => (await records(t, id)).find((record) => record.event_type === 'DEADLINE.first'));
    expect(fired).toEqual(expect.objectContaining({ kind: 'transition', to_stages: ['second'] }));
    expect(fired.details.deadlines.second.missing).toMatch(/^payload\.deadline: stage "second" takes its deadline from this event/);
    const { rows } = await t.db.query(`SELECT stage_id, status FROM deadlines WHERE contribution_id = $1`, [id]);
    expect(rows).toEqual([{ stage_id: 'first', status: 'fired' }]);
  });
});
