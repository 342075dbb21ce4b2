import { DEADLINE_EVENT_PREFIX, StageSpec, WorkflowDefinition } from './definition.types';

const nodeId = (id: string) => id.replace(/-/g, '_');
const label = (text: string) => text.replace(/["\n]/g, ' ').replace(/[:;]/g, ',');

/** A Mermaid `stateDiagram-v2` of the definition, so a secretariat sees what it configured. */
export function renderMermaid(definition: WorkflowDefinition): string {
  const lines: string[] = ['stateDiagram-v2', `  [*] --> ${nodeId(definition.initial)}`];

  const renderStages = (stages: StageSpec[], indent: string) => {
    for (const stage of stages) {
      lines.push(`${indent}state "${label(stage.title)}" as ${nodeId(stage.id)}`);
      if (stage.nodeType === 'parallel') {
        lines.push(`${indent}state ${nodeId(stage.id)} {`);
        (stage.regions ?? []).forEach((region, index) => {
          if (index > 0) lines.push(`${indent}  --`);
          lines.push(`${indent}  [*] --> ${nodeId(region.initial)}`);
          renderStages(region.stages, `${indent}  `);
        });
        lines.push(`${indent}}`);
        if (stage.onDone) lines.push(`${indent}${nodeId(stage.id)} --> ${nodeId(stage.onDone)} : all regions done`);
      }
      if (stage.nodeType === 'final') lines.push(`${indent}${nodeId(stage.id)} --> [*]`);
      for (const transition of stage.transitions) {
        if (!transition.target) continue;
        const event = transition.event.startsWith(DEADLINE_EVENT_PREFIX) ? 'deadline passed' : transition.event;
        const outcome = transition.guard?.outcome ? ` (${transition.guard.outcome.join('/')})` : '';
        lines.push(`${indent}${nodeId(stage.id)} --> ${nodeId(transition.target)} : ${label(event + outcome)}`);
      }
    }
  };
  renderStages(definition.stages, '  ');
  return `${lines.join('\n')}\n`;
}
