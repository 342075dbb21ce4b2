import { CompiledWorkflow } from './compiled-workflow';
import { EngineEvent, EngineSnapshot } from './engine-machine.types';
import { parseDefinition } from './parse-definition.util';

function compile(text: string): CompiledWorkflow {
  const result = parseDefinition(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return new CompiledWorkflow(result.definition);
}

const secretariat = (type: string, payload: Record<string, unknown> = {}): EngineEvent => ({ type, payload, actor: { role: 'secretariat' }, organisationId: null });
const participant = (type: string, organisationId: string): EngineEvent => ({ type, payload: {}, actor: { role: 'participant', organisationId }, organisationId });

function run(workflow: CompiledWorkflow, events: EngineEvent[]): EngineSnapshot {
  return events.reduce((snapshot, event) => {
    if (!workflow.accepts(snapshot, event)) throw new Error(`${event.type} refused in ${JSON.stringify(snapshot.value)}`);
    return workflow.apply(snapshot, event);
  }, workflow.initialSnapshot());
}

describe('CompiledWorkflow', () => {
  const quorum = compile(`
id: quorum
name: Quorum of endorsements, all invited responded
stages:
  - id: round
    kind: comment_round
    next: endorsement
    on:
      CLOSE_ROUND:
        target: endorsement
        guard: { allInvitedResponded: true }
  - id: endorsement
    kind: open_endorsement
    next: done
    on:
      CLOSE_ENDORSEMENT:
        target: done
        guard: { quorum: { count: 2, of: endorsements } }
  - id: done
    kind: final
`);

  it('lets CLOSE_ROUND through only once every invited organisation has responded', () => {
    const invited = run(quorum, [secretariat('INVITE', { organisationIds: ['org-a', 'org-b'] })]);
    expect(quorum.accepts(invited, secretariat('CLOSE_ROUND'))).toBe(false);
    expect(quorum.allowedEvents(invited).map((e) => e.type)).not.toContain('CLOSE_ROUND');
    const oneAnswered = quorum.apply(invited, participant('COMMENT', 'org-a'));
    expect(quorum.accepts(oneAnswered, secretariat('CLOSE_ROUND'))).toBe(false);
    const allAnswered = quorum.apply(oneAnswered, participant('NO_COMMENT', 'org-b'));
    expect(quorum.accepts(allAnswered, secretariat('CLOSE_ROUND'))).toBe(true);
  });

  it('counts endorsements net of withdrawals for a quorum', () => {
    let snapshot = run(quorum, [secretariat('CLOSE_ROUND'), participant('ENDORSE', 'org-a'), participant('ENDORSE', 'org-b')]);
    expect(snapshot.context.endorsements.endorsement).toEqual(['org-a', 'org-b']);
    snapshot = quorum.apply(snapshot, participant('WITHDRAW_ENDORSEMENT', 'org-b'));
    expect(quorum.accepts(snapshot, secretariat('CLOSE_ENDORSEMENT'))).toBe(false);
    snapshot = quorum.apply(snapshot, participant('ENDORSE', 'org-c'));
    expect(quorum.apply(snapshot, secretariat('CLOSE_ENDORSEMENT')).status).toBe('done');
  });

  it('refuses an event from a role the transition does not name', () => {
    const snapshot = quorum.initialSnapshot();
    expect(quorum.accepts(snapshot, participant('INVITE', 'org-a'))).toBe(false);
    expect(quorum.allowedEvents(snapshot).find((e) => e.type === 'COMMENT')?.roles).toEqual(['secretariat', 'participant']);
  });

  const parallel = compile(`
id: par
name: Parallel regions
stages:
  - id: board
    kind: decision
    outcomes: { endorsed: after-board, rejected: abandoned }
  - id: after-board
    kind: parallel
    next: completed
    regions:
      - id: endorsement
        stages:
          - id: open-endorsement
            kind: open_endorsement
            next: closed
          - id: closed
            kind: final
      - id: dissemination
        stages:
          - id: presentation
            kind: presentation
            next: submission
          - id: submission
            kind: submission
            next: submitted
          - id: submitted
            kind: final
  - id: completed
    kind: final
  - id: abandoned
    kind: final
`);

  it('keeps open endorsement open while the text is presented and submitted, and ends when both regions are done', () => {
    let snapshot = run(parallel, [secretariat('DECIDE', { outcome: 'endorsed' })]);
    expect(parallel.currentStages(snapshot.value)).toEqual(['open-endorsement', 'presentation']);
    expect(parallel.activeStages(snapshot.value)).toEqual(['after-board', 'open-endorsement', 'presentation']);
    snapshot = run(parallel, [secretariat('DECIDE', { outcome: 'endorsed' }), secretariat('PRESENT'), secretariat('SUBMIT')]);
    expect(parallel.currentStages(snapshot.value)).toEqual(['open-endorsement', 'submitted']);
    expect(parallel.allowedEvents(snapshot).map((e) => e.type)).toContain('ENDORSE');
    snapshot = parallel.apply(snapshot, secretariat('CLOSE_ENDORSEMENT'));
    expect(parallel.currentStages(snapshot.value)).toEqual(['completed']);
    expect(snapshot.status).toBe('done');
    expect(parallel.allowedEvents(snapshot)).toEqual([]);
  });

  it('routes a decision by its outcome and lists only configured outcomes', () => {
    const start = parallel.initialSnapshot();
    expect(parallel.allowedEvents(start)).toEqual([expect.objectContaining({ type: 'DECIDE', outcomes: ['endorsed', 'rejected'] })]);
    expect(parallel.accepts(start, secretariat('DECIDE', { outcome: 'returned' }))).toBe(false);
    expect(parallel.currentStages(parallel.apply(start, secretariat('DECIDE', { outcome: 'rejected' })).value)).toEqual(['abandoned']);
  });

  it('survives a round trip through its persisted form', () => {
    const snapshot = run(parallel, [secretariat('DECIDE', { outcome: 'endorsed' }), participant('ENDORSE', 'org-a')]);
    const restored = parallel.restore(JSON.parse(JSON.stringify(parallel.persist(snapshot))));
    expect(restored.value).toEqual(snapshot.value);
    expect(restored.context).toEqual(snapshot.context);
    expect(parallel.allowedEvents(restored)).toEqual(parallel.allowedEvents(snapshot));
  });
});
