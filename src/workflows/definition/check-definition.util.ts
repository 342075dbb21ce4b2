import { closestMatch } from './closest-match.util';
import { DefinitionError, GuardSpec, StageSpec, WorkflowDefinition } from './definition.types';
import { indexStages, StageIndex } from './stage-index.util';

/**
 * Semantic checks a schema cannot express: duplicate ids, unknown or out-of-scope targets,
 * unreachable stages, and stages (or cycles) from which no final stage can be reached.
 */
export function checkDefinition(definition: WorkflowDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const index = indexStages(definition);

  checkDuplicates(definition, errors);
  const unknown = (id: string) => {
    const suggestion = closestMatch(id, index.stages.keys());
    return `unknown stage "${id}"${suggestion ? `; did you mean "${suggestion}"?` : `; known stages: ${[...index.stages.keys()].join(', ')}`}`;
  };

  const topLevel = new Set(definition.stages.map((stage) => stage.id));
  if (!index.stages.has(definition.initial)) errors.push({ path: 'initial', message: unknown(definition.initial) });
  else if (!topLevel.has(definition.initial))
    errors.push({ path: 'initial', message: `"${definition.initial}" is inside a parallel stage; start at a top-level stage` });

  for (const stage of index.ordered) {
    for (const transition of stage.transitions) {
      if (transition.target === undefined) continue;
      if (!index.stages.has(transition.target)) {
        errors.push({ path: targetPath(transition.sourcePath), message: unknown(transition.target) });
        continue;
      }
      const scopeError = crossRegionError(index, stage.id, transition.target);
      if (scopeError) errors.push({ path: targetPath(transition.sourcePath), message: scopeError });
      checkGuardStages(transition.guard, transition.sourcePath, index, unknown, errors);
    }
    if (stage.deadline?.type === 'relative' && stage.deadline.from && !index.stages.has(stage.deadline.from)) {
      errors.push({ path: `${stage.sourcePath}.deadline.from`, message: unknown(stage.deadline.from) });
    }
    if (stage.nodeType === 'parallel') {
      if (stage.onDone !== undefined && !index.stages.has(stage.onDone))
        errors.push({ path: `${stage.sourcePath}.next`, message: unknown(stage.onDone) });
      for (const region of stage.regions ?? []) {
        if (!region.stages.some((inner) => inner.id === region.initial)) {
          errors.push({
            path: `${region.sourcePath}.initial`,
            message: `"${region.initial}" is not a stage of region "${region.id}"; use one of: ${region.stages.map((s) => s.id).join(', ')}`,
          });
        }
        if (stage.onDone !== undefined && !region.stages.some((inner) => inner.nodeType === 'final')) {
          errors.push({
            path: `${region.sourcePath}.stages`,
            message: `region "${region.id}" has no final stage, so next: ${stage.onDone} is never taken; add a stage with kind: final`,
          });
        }
      }
    }
  }

  if (!definition.stages.some((stage) => stage.nodeType === 'final')) {
    errors.push({ path: 'stages', message: 'the workflow never ends: add a top-level stage with kind: final' });
  }

  if (errors.length === 0) checkGraph(definition, index, errors);
  // One mistake can surface through two transitions (e.g. `next` also used as the deadline target).
  const seen = new Set<string>();
  return errors.filter((error) => !seen.has(`${error.path}\u0000${error.message}`) && !!seen.add(`${error.path}\u0000${error.message}`));
}

function targetPath(sourcePath: string): string {
  return /\.(next|onDeadline|outcomes\.[a-z]+)$/.test(sourcePath) ? sourcePath : `${sourcePath}.target`;
}

function checkDuplicates(definition: WorkflowDefinition, errors: DefinitionError[]) {
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined) errors.push({ path: `${path}.id`, message: `duplicate id "${id}", already used at ${first}; ids must be unique across stages and regions` });
    else seen.set(id, path);
  };
  const visit = (stages: StageSpec[]) => {
    for (const stage of stages) {
      claim(stage.id, stage.sourcePath);
      for (const region of stage.regions ?? []) {
        claim(region.id, region.sourcePath);
        visit(region.stages);
      }
    }
  };
  visit(definition.stages);
}

function crossRegionError(index: StageIndex, fromId: string, toId: string): string | undefined {
  const from = index.stages.get(fromId);
  const to = index.stages.get(toId);
  if (!from || !to) return undefined;
  // Leaving a parallel stage is fine; jumping into a sibling region of the same parallel stage is not.
  for (const parallelId of from.ancestors) {
    if (!to.ancestors.includes(parallelId)) continue;
    const fromRegion = regionUnder(index, fromId, parallelId);
    const toRegion = regionUnder(index, toId, parallelId);
    if (fromRegion !== toRegion) {
      return `"${toId}" is in region "${toRegion}" and this stage in region "${fromRegion}" of the same parallel stage; regions run side by side and cannot move each other`;
    }
  }
  return undefined;
}

function regionUnder(index: StageIndex, stageId: string, parallelId: string): string | undefined {
  let current = index.stages.get(stageId);
  while (current) {
    if (current.parallelId === parallelId) return current.regionId;
    current = current.parallelId ? index.stages.get(current.parallelId) : undefined;
  }
  return undefined;
}

function checkGuardStages(
  guard: GuardSpec | undefined,
  path: string,
  index: StageIndex,
  unknown: (id: string) => string,
  errors: DefinitionError[],
) {
  if (!guard) return;
  if (guard.quorum && !index.stages.has(guard.quorum.stage)) errors.push({ path: `${path}.guard.quorum.stage`, message: unknown(guard.quorum.stage) });
  if (guard.allInvitedResponded && !index.stages.has(guard.allInvitedResponded.stage))
    errors.push({ path: `${path}.guard.allInvitedResponded.stage`, message: unknown(guard.allInvitedResponded.stage) });
  guard.anyOf?.forEach((inner, i) => checkGuardStages(inner, `${path}.guard.anyOf[${i}]`, index, unknown, errors));
}

/** Edges of the stage graph, including entering regions and a region's final stage leading to the parallel's next. */
export function stageGraph(definition: WorkflowDefinition, index: StageIndex = indexStages(definition)): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const stage of index.ordered) edges.set(stage.id, new Set());
  for (const stage of index.ordered) {
    const out = edges.get(stage.id)!;
    for (const transition of stage.transitions) if (transition.target) out.add(transition.target);
    for (const region of stage.regions ?? []) {
      out.add(region.initial);
      if (stage.onDone) for (const inner of region.stages) if (inner.nodeType === 'final') edges.get(inner.id)!.add(stage.onDone);
    }
  }
  return edges;
}

function checkGraph(definition: WorkflowDefinition, index: StageIndex, errors: DefinitionError[]) {
  const edges = stageGraph(definition, index);

  const reachable = new Set<string>([definition.initial]);
  const queue = [definition.initial];
  while (queue.length) for (const next of edges.get(queue.shift()!) ?? []) if (!reachable.has(next)) reachable.add(next), queue.push(next);
  // Entering a stage inside a parallel stage enters every region of it.
  for (const id of [...reachable]) for (const ancestor of index.stages.get(id)?.ancestors ?? []) reachable.add(ancestor);
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of [...reachable]) for (const next of edges.get(id) ?? []) if (!reachable.has(next)) reachable.add(next), (grew = true);
  }

  for (const stage of index.ordered) {
    if (!reachable.has(stage.id)) {
      errors.push({
        path: stage.sourcePath,
        message: `stage "${stage.id}" is unreachable: no transition leads to it from "${definition.initial}"; add one or remove the stage`,
      });
    }
  }

  const reverse = new Map<string, string[]>();
  for (const [from, targets] of edges) for (const to of targets) reverse.set(to, [...(reverse.get(to) ?? []), from]);
  const finishing = new Set(definition.stages.filter((s) => s.nodeType === 'final').map((s) => s.id));
  const pending = [...finishing];
  while (pending.length) for (const prev of reverse.get(pending.shift()!) ?? []) if (!finishing.has(prev)) finishing.add(prev), pending.push(prev);
  // A parallel stage finishes if what it enters can finish.
  for (const stage of index.ordered) if (stage.nodeType === 'parallel' && [...(edges.get(stage.id) ?? [])].some((id) => finishing.has(id))) finishing.add(stage.id);
  // Leaving a parallel stage from one region also ends its other regions: none of them is stuck.
  for (const stage of index.ordered) {
    if (stage.nodeType !== 'parallel') continue;
    const inside = index.ordered.filter((s) => index.stages.get(s.id)?.ancestors.includes(stage.id));
    const insideIds = new Set(inside.map((s) => s.id));
    const leaves = inside.some((s) => s.transitions.some((t) => t.target && !insideIds.has(t.target) && finishing.has(t.target)));
    if (leaves) inside.forEach((s) => finishing.add(s.id));
  }

  const stuck = index.ordered.filter((stage) => reachable.has(stage.id) && !finishing.has(stage.id) && !isRegionFinal(index, stage));
  if (stuck.length === 0) return;
  const stuckIds = new Set(stuck.map((s) => s.id));
  const reported = new Set<string>();
  for (const component of stronglyConnected(stuckIds, edges)) {
    const isCycle = component.length > 1 || edges.get(component[0])?.has(component[0]);
    if (!isCycle) continue;
    component.forEach((id) => reported.add(id));
    const first = index.stages.get(component[0])!.stage;
    errors.push({
      path: first.sourcePath,
      message: `stages ${[...component, component[0]].join(' → ')} form a cycle with no exit to a final stage; add a transition (or a deadline target) that leaves the cycle`,
    });
  }
  for (const stage of stuck) {
    if (reported.has(stage.id)) continue;
    errors.push({
      path: stage.sourcePath,
      message: `no final stage can be reached from "${stage.id}"; add a transition towards a final stage`,
    });
  }
}

function isRegionFinal(index: StageIndex, stage: StageSpec): boolean {
  return stage.nodeType === 'final' && index.stages.get(stage.id)?.parallelId !== undefined;
}

/** Tarjan's algorithm restricted to `nodes`. */
function stronglyConnected(nodes: Set<string>, edges: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (node: string) => {
    order.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!nodes.has(next)) continue;
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      result.push(component.reverse());
    }
  };
  for (const node of nodes) if (!order.has(node)) visit(node);
  return result;
}
