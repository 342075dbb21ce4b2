import { DefinitionSource, GuardSource, RegionSource, StageSource } from './definition-source.schema';
import {
  DeadlineSpec,
  DefinitionError,
  EXTEND_DEADLINE_EVENT,
  GuardSpec,
  RegionSpec,
  StageSpec,
  TransitionSpec,
  WorkflowDefinition,
  deadlineEventType,
} from './definition.types';
import { STAGE_KIND_CATALOGUE } from './stage-kinds';

/**
 * Expands typed stage kinds into generic transitions. Reports what a kind needs and
 * the source lacks (a `next`, `outcomes`, …); reference checks come later.
 */
export function normalizeDefinition(source: DefinitionSource): { definition: WorkflowDefinition; errors: DefinitionError[] } {
  const errors: DefinitionError[] = [];
  const timeZone = source.timezone ?? 'UTC';

  const normalizeStage = (stage: StageSource, path: string): StageSpec => {
    const kind = stage.kind ?? (stage.regions ? 'parallel' : 'stage');
    const catalogue = STAGE_KIND_CATALOGUE[kind];
    const nodeType = kind === 'final' ? 'final' : kind === 'parallel' ? 'parallel' : 'atomic';
    const transitions: TransitionSpec[] = [];
    const userEvents = new Set(Object.keys(stage.on ?? {}));

    for (const kindEvent of catalogue.events) {
      if (userEvents.has(kindEvent.event)) continue; // the secretariat redefined it
      const base = { event: kindEvent.event, by: [...kindEvent.by], effect: kindEvent.effect, description: kindEvent.description };
      if (kindEvent.leadsTo === 'stay') {
        transitions.push({ ...base, sourcePath: `${path}.kind` });
      } else if (kindEvent.leadsTo === 'next') {
        if (stage.next === undefined) {
          errors.push({
            path: `${path}.next`,
            message: `a ${kind} stage needs next: <stage id>, the stage ${kindEvent.event} leads to`,
          });
          continue;
        }
        transitions.push({ ...base, target: stage.next, sourcePath: `${path}.next` });
      } else {
        const outcomes = Object.entries(stage.outcomes ?? {});
        if (outcomes.length === 0) {
          errors.push({
            path: `${path}.outcomes`,
            message: 'a decision stage needs outcomes, e.g. outcomes: { endorsed: <stage id>, returned: <stage id> }',
          });
          continue;
        }
        for (const [outcome, target] of outcomes) {
          transitions.push({
            ...base,
            target: target as string,
            guard: { outcome: [outcome as NonNullable<GuardSpec['outcome']>[number]] },
            sourcePath: `${path}.outcomes.${outcome}`,
          });
        }
      }
    }

    for (const [event, entries] of Object.entries(stage.on ?? {})) {
      entries.forEach((entry, index) => {
        const entryPath = entries.length > 1 ? `${path}.on.${event}[${index}]` : `${path}.on.${event}`;
        transitions.push({
          event,
          target: entry.target,
          by: entry.by ?? ['secretariat'],
          guard: entry.guard ? normalizeGuard(entry.guard, stage.id) : undefined,
          effect: entry.records,
          description: entry.description,
          sourcePath: entryPath,
        });
      });
    }

    if (kind !== 'parallel' && kind !== 'stage' && stage.next !== undefined && !catalogue.events.some((e) => e.leadsTo === 'next')) {
      errors.push({ path: `${path}.next`, message: `a ${kind} stage has no event that uses next; remove it or use on: { EVENT: <stage> }` });
    }

    let deadline: DeadlineSpec | undefined;
    let onDeadline = stage.onDeadline;
    if (stage.deadline) {
      const zone = stage.deadline.timezone ?? timeZone;
      if (stage.deadline.at !== undefined) deadline = { type: 'absolute', at: stage.deadline.at, timeZone: zone };
      else if (stage.deadline.after !== undefined)
        deadline = { type: 'relative', after: stage.deadline.after, from: stage.deadline.from, timeZone: zone };
      else deadline = { type: 'fromEvent', field: stage.deadline.fromEvent === true ? 'deadline' : String(stage.deadline.fromEvent), timeZone: zone };

      const derivedFromNext = onDeadline === undefined && catalogue.deadlineLeadsToNext;
      if (derivedFromNext) onDeadline = stage.next;
      if (onDeadline === undefined) {
        errors.push({
          path: `${path}.onDeadline`,
          message: 'a deadline needs a target: add onDeadline: <stage id>, the stage taken when the deadline passes',
        });
      } else {
        transitions.push({
          event: deadlineEventType(stage.id),
          target: onDeadline,
          by: ['system'],
          sourcePath: derivedFromNext ? `${path}.next` : `${path}.onDeadline`,
          description: 'the deadline passed',
        });
      }
      transitions.push({
        event: EXTEND_DEADLINE_EVENT,
        by: ['secretariat'],
        sourcePath: `${path}.deadline`,
        description: 'extend the deadline (for everyone or one organisation)',
      });
    } else {
      if (stage.onDeadline !== undefined)
        errors.push({ path: `${path}.onDeadline`, message: 'onDeadline without a deadline; add deadline: { after: P14D } or remove onDeadline' });
      if (stage.reminders?.length)
        errors.push({ path: `${path}.reminders`, message: 'reminders need a deadline to count back from; add a deadline' });
      if (stage.escalation) errors.push({ path: `${path}.escalation`, message: 'an escalation needs a deadline; add a deadline' });
    }

    let regions: RegionSpec[] | undefined;
    if (kind === 'parallel') {
      if (!stage.regions) errors.push({ path: `${path}.regions`, message: 'a parallel stage needs regions: [{ id, stages: [...] }, …]' });
      regions = (stage.regions ?? []).map((region, index) => normalizeRegion(region, `${path}.regions[${index}]`));
    } else if (stage.regions) {
      errors.push({ path: `${path}.regions`, message: `regions belong to a parallel stage; set kind: parallel (was ${kind})` });
    }

    if (kind === 'final' && (stage.on || stage.next || stage.deadline)) {
      errors.push({ path, message: 'a final stage ends the process: remove on, next and deadline' });
    }

    return {
      id: stage.id,
      kind,
      title: stage.title ?? humanize(stage.id),
      description: stage.description,
      body: stage.body,
      report: stage.report,
      public: stage.public ?? true,
      nodeType,
      transitions,
      deadline,
      onDeadline,
      reminders: stage.reminders ?? [],
      escalation: stage.escalation,
      regions,
      onDone: kind === 'parallel' ? stage.next : undefined,
      sourcePath: path,
    };
  };

  const normalizeRegion = (region: RegionSource, path: string): RegionSpec => ({
    id: region.id,
    title: region.title ?? humanize(region.id),
    initial: region.initial ?? region.stages[0]?.id,
    stages: region.stages.map((stage, index) => normalizeStage(stage, `${path}.stages[${index}]`)),
    sourcePath: path,
  });

  const stages = source.stages.map((stage, index) => normalizeStage(stage, `stages[${index}]`));
  return {
    definition: {
      key: source.id,
      name: source.name,
      description: source.description,
      timeZone,
      initial: source.initial ?? source.stages[0].id,
      stages,
    },
    errors,
  };
}

function normalizeGuard(guard: GuardSource, stageId: string): GuardSpec {
  const spec: GuardSpec = {};
  if (guard.role) spec.role = guard.role;
  if (guard.quorum) spec.quorum = { ...guard.quorum, stage: guard.quorum.stage ?? stageId };
  if (guard.allInvitedResponded)
    spec.allInvitedResponded = { stage: (guard.allInvitedResponded !== true && guard.allInvitedResponded.stage) || stageId };
  if (guard.outcome) spec.outcome = guard.outcome;
  if (guard.anyOf) spec.anyOf = guard.anyOf.map((inner) => normalizeGuard(inner, stageId));
  return spec;
}

function humanize(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
