import { CompiledWorkflow } from './definition/compiled-workflow';
import { DEADLINE_EVENT_PREFIX, StageSpec } from './definition/definition.types';
import { WorkflowDefinitionEntity } from './entities/workflow-definition.entity';

export function workflowSummary(entity: WorkflowDefinitionEntity) {
  return {
    id: entity.id,
    key: entity.key,
    version: entity.version,
    name: entity.name,
    description: entity.definition.description ?? null,
    contentHash: entity.contentHash,
    origin: entity.origin,
    createdAt: entity.createdAt,
  };
}

const stageView = (stage: StageSpec): Record<string, unknown> => ({
  id: stage.id,
  kind: stage.kind,
  title: stage.title,
  ...(stage.description ? { description: stage.description } : {}),
  ...(stage.body ? { body: stage.body } : {}),
  final: stage.nodeType === 'final',
  ...(stage.deadline ? { deadline: stage.deadline, onDeadline: stage.onDeadline, reminders: stage.reminders } : {}),
  ...(stage.escalation ? { escalation: stage.escalation } : {}),
  events: stage.transitions
    .filter((t) => !t.event.startsWith(DEADLINE_EVENT_PREFIX))
    .map((t) => ({ type: t.event, target: t.target ?? null, by: t.by, ...(t.guard ? { guard: t.guard } : {}), ...(t.effect ? { records: t.effect } : {}), description: t.description ?? null })),
  ...(stage.regions
    ? { regions: stage.regions.map((region) => ({ id: region.id, title: region.title, initial: region.initial, stages: region.stages.map(stageView) })), next: stage.onDone ?? null }
    : {}),
});

export function workflowDetail(entity: WorkflowDefinitionEntity, compiled: CompiledWorkflow) {
  return {
    ...workflowSummary(entity),
    timeZone: compiled.definition.timeZone,
    initial: compiled.definition.initial,
    stages: compiled.definition.stages.map(stageView),
    format: entity.sourceFormat,
    source: entity.source,
  };
}
