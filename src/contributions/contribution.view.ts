import { CompiledWorkflow } from '../workflows/definition/compiled-workflow';
import { WorkflowDefinitionEntity } from '../workflows/entities/workflow-definition.entity';
import { Contribution } from './entities/contribution.entity';

export function contributionView(contribution: Contribution, definition: WorkflowDefinitionEntity, workflow: CompiledWorkflow) {
  const snapshot = workflow.restore(contribution.snapshot);
  return {
    id: contribution.id,
    symbol: contribution.symbol,
    title: contribution.title,
    source: contribution.source,
    originalLanguage: contribution.originalLanguage,
    agendaItem: contribution.agendaItem,
    purpose: contribution.purpose,
    actionRequired: contribution.actionRequired,
    workflow: { id: definition.id, key: definition.key, version: definition.version, name: definition.name },
    status: contribution.status,
    version: contribution.version,
    currentStages: workflow.currentStages(snapshot.value).map((id) => {
      const stage = workflow.stage(id)!;
      return { id, title: stage.title, kind: stage.kind };
    }),
    activeStages: workflow.activeStages(snapshot.value),
    stateValue: snapshot.value,
    allowedEvents: workflow.allowedEvents(snapshot),
    facts: snapshot.context,
    auditHead: { seq: contribution.headSeq, hash: contribution.headHash },
    createdAt: contribution.createdAt,
    updatedAt: contribution.updatedAt,
  };
}

export type ContributionView = ReturnType<typeof contributionView> & Record<string, unknown>;
