import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getShortestPaths } from 'xstate/graph';
import { CompiledWorkflow } from '../../src/workflows/definition/compiled-workflow';
import { DEADLINE_EVENT_PREFIX, EXTEND_DEADLINE_EVENT, StageSpec } from '../../src/workflows/definition/definition.types';
import { EngineEvent, EngineSnapshot } from '../../src/workflows/definition/engine-machine.types';
import { parseDefinition } from '../../src/workflows/definition/parse-definition.util';
import { openContribution, postEvent } from '../utils/api';
import { setup, TestApp, TestIdentity } from '../utils/setup';

const WORKFLOWS = join(__dirname, '../../workflows');
const FAR_DEADLINE = '2099-12-31';

/** Payloads that satisfy each event's contract, so only the machine decides what is accepted. */
function payloadFor(type: string, organisationIds: string[]): Record<string, unknown> {
  switch (type) {
    case 'INVITE':
      return { organisationIds };
    case 'COMMENT':
      return { text: 'A proposal from the model-based walk' };
    case 'SUBMIT_ANSWERS':
      return { answers: [{ question: 1, text: 'An answer from the model-based walk' }], consentToPublish: false };
    case 'ENDORSE':
      return { channel: 'online' };
    case 'PRESENT':
      return { event: { name: 'WSIS+20 High-Level Event 2025', startDate: '2025-07-07', endDate: '2025-07-11' } };
    case 'SUBMIT':
      return { recipient: 'President of the General Assembly' };
    case 'RECORD_READING':
      return { meeting: { date: '2025-02-26', room: 'CR-4' }, outcome: 'read' };
    case 'HOLD_MEETING':
      return { meeting: { date: '2025-02-01' } };
    default:
      return {};
  }
}

function opensDeadlineFromEvent(workflow: CompiledWorkflow, stageId: string): boolean {
  const stage = workflow.stage(stageId);
  if (!stage) return false;
  if (stage.deadline?.type === 'fromEvent') return true;
  return (stage.regions ?? []).some((region) => opensDeadlineFromEvent(workflow, region.initial));
}

interface Walker {
  identity: TestIdentity;
  organisationId: string | null;
}

/**
 * Every event the definition declares, for every role that may send it (participants as two
 * different organisations) and every decision outcome. Deadline events are the engine's own
 * and extensions need a moving date; both are exercised by the scheduling tests.
 */
function candidateEvents(workflow: CompiledWorkflow, secretariat: Walker, participants: Walker[]): EngineEvent[] {
  const events = new Map<string, EngineEvent>();
  const organisationIds = participants.map((p) => p.organisationId!);
  const visit = (stage: StageSpec) => {
    for (const transition of stage.transitions) {
      if (transition.event.startsWith(DEADLINE_EVENT_PREFIX) || transition.event === EXTEND_DEADLINE_EVENT) continue;
      const senders = transition.by.flatMap((role) => (role === 'secretariat' ? [secretariat] : role === 'participant' ? participants : []));
      for (const sender of senders) {
        // Secretariats act on their own behalf here; responding and endorsing is what participants do.
        if (sender === secretariat && transition.by.includes('participant')) continue;
        for (const outcome of transition.guard?.outcome ?? [undefined]) {
          const payload: Record<string, unknown> = { ...payloadFor(transition.event, organisationIds), ...(outcome ? { outcome } : {}) };
          if (transition.target && opensDeadlineFromEvent(workflow, transition.target)) payload.deadline = FAR_DEADLINE;
          const event = {
            type: transition.event,
            payload,
            actor: { role: sender === secretariat ? ('secretariat' as const) : ('participant' as const), organisationId: sender.organisationId },
            organisationId: sender.organisationId,
          };
          events.set(JSON.stringify(event), event);
        }
      }
    }
    for (const region of stage.regions ?? []) region.stages.forEach(visit);
  };
  workflow.definition.stages.forEach(visit);
  return [...events.values()];
}

/** The event types the machine itself accepts in a snapshot, asked with the test's own probes. */
function machineAccepts(workflow: CompiledWorkflow, snapshot: EngineSnapshot, probeOrganisation: string): string[] {
  const accepted = new Set<string>();
  for (const [type, senders] of workflow.senders) {
    if (type.startsWith(DEADLINE_EVENT_PREFIX)) continue;
    const outcomes = workflow.index.ordered.flatMap((stage) => stage.transitions.filter((t) => t.event === type).flatMap((t) => t.guard?.outcome ?? []));
    for (const role of senders) {
      if (role === 'system') continue;
      for (const outcome of outcomes.length ? outcomes : [undefined]) {
        const probe: EngineEvent = { type, payload: outcome ? { outcome } : {}, actor: { role, organisationId: probeOrganisation }, organisationId: probeOrganisation };
        if (snapshot.can(probe as never)) accepted.add(type);
      }
    }
  }
  return [...accepted].sort();
}

/** Context of stages no longer active cannot change what happens next in these definitions. */
function serializeFor(workflow: CompiledWorkflow) {
  return (snapshot: EngineSnapshot) => {
    const active = new Set(workflow.activeStages(snapshot.value));
    const facts = Object.entries(snapshot.context).map(([fact, byStage]) => [
      fact,
      Object.entries(byStage as Record<string, unknown[]>)
        // An emptied list (a withdrawal with nothing to withdraw) is the same state as no list at all.
        .filter(([stage, list]) => active.has(stage) && list.length > 0)
        .map(([stage, list]) => [stage, Math.min(list.length, 2)]),
    ]);
    return JSON.stringify([snapshot.value, facts]);
  };
}

describe.each(readdirSync(WORKFLOWS).filter((file) => file.endsWith('.yaml') && !file.startsWith('demo')))('model-based walk of %s', (file) => {
  let t: TestApp;
  let workflow: CompiledWorkflow;
  let secretariat: Walker;
  let participants: Walker[];

  beforeAll(async () => {
    t = await setup();
    const parsed = parseDefinition(readFileSync(join(WORKFLOWS, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file} is invalid`);
    workflow = new CompiledWorkflow(parsed.definition);
    const secretariatIdentity = await t.token('secretariat');
    secretariat = { identity: secretariatIdentity, organisationId: null };
    participants = [];
    for (const name of ['Administration A', 'Administration B']) {
      const identity = await t.token('participant', name);
      participants.push({ identity, organisationId: identity.organisationId });
    }
  });

  afterAll(async () => t.close());

  it('agrees with the machine on the allowed events and the stages at every step of every generated path', async () => {
    const events = candidateEvents(workflow, secretariat, participants);
    const paths = getShortestPaths(workflow.machine, { events: events as never, serializeState: serializeFor(workflow) as never }) as unknown as Array<{ state: EngineSnapshot; steps: Array<{ event: EngineEvent }> }>;
    expect(paths.length).toBeGreaterThan(3);
    const probe = participants[0].organisationId!;
    let steps = 0;

    for (const path of paths) {
      const created = await openContribution(t, secretariat.identity, { workflow: workflow.definition.key, title: `walk to ${JSON.stringify(path.state.value)}` });
      let snapshot = workflow.initialSnapshot();
      for (const step of path.steps) {
        if (step.event.type.startsWith('xstate.')) continue; // the walk's starting point, not an event
        const view = await t.http().get(`/contributions/${created.id}`).set(secretariat.identity.auth).expect(200);
        const apiAllowed = view.body.allowedEvents.map((e: { type: string }) => e.type).sort();
        expect({ stateValue: snapshot.value, allowed: apiAllowed }).toEqual({ stateValue: snapshot.value, allowed: machineAccepts(workflow, snapshot, probe) });

        const event = step.event as unknown as EngineEvent;
        const sender = event.actor.role === 'secretariat' ? secretariat : participants.find((p) => p.organisationId === event.organisationId)!;
        const response = await postEvent(t, sender.identity, created.id, { type: event.type, payload: event.payload });
        expect({ event: event.type, status: response.status, body: response.status === 201 ? 'accepted' : response.body }).toEqual({ event: event.type, status: 201, body: 'accepted' });
        snapshot = workflow.apply(snapshot, event);
        expect(response.body.contribution.currentStages.map((s: { id: string }) => s.id)).toEqual(workflow.currentStages(snapshot.value));
        steps++;
      }
      const final = await t.http().get(`/contributions/${created.id}`).set(secretariat.identity.auth).expect(200);
      expect(final.body.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual(machineAccepts(workflow, snapshot, probe));
      expect(final.body.status).toBe(snapshot.status === 'done' ? 'done' : 'active');
    }
    expect(steps).toBeGreaterThan(paths.length);
  });

  it('refuses with 409 and the allowed list every event the machine would ignore in the initial stage', async () => {
    const created = await openContribution(t, secretariat.identity, { workflow: workflow.definition.key, title: 'refusals' });
    const accepted = new Set(machineAccepts(workflow, workflow.initialSnapshot(), participants[0].organisationId!));
    const refused = [...workflow.senders.keys()].filter((type) => !type.startsWith(DEADLINE_EVENT_PREFIX) && !accepted.has(type) && workflow.senders.get(type)!.has('secretariat'));
    expect(refused.length).toBeGreaterThan(0);
    for (const type of refused) {
      const response = await postEvent(t, secretariat.identity, created.id, { type, payload: payloadFor(type, []) });
      expect({ type, status: response.status, error: response.body.error }).toEqual({ type, status: 409, error: 'event_not_allowed' });
      expect(response.body.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual([...accepted].sort());
    }
    const after = await t.http().get(`/contributions/${created.id}`).set(secretariat.identity.auth).expect(200);
    expect(after.body.version).toBe(1);
  });
});
