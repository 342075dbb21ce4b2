import { RegionSpec, StageSpec, WorkflowDefinition } from './definition.types';

export interface IndexedStage {
  stage: StageSpec;
  /** The parallel stage and region this stage sits in, if any (innermost). */
  parallelId?: string;
  regionId?: string;
  /** Every enclosing parallel stage id, outermost first. */
  ancestors: string[];
}

export interface IndexedRegion {
  region: RegionSpec;
  parallelId: string;
}

export interface StageIndex {
  stages: Map<string, IndexedStage>;
  regions: Map<string, IndexedRegion>;
  /** Stages in document order, depth first. */
  ordered: StageSpec[];
}

export function indexStages(definition: WorkflowDefinition): StageIndex {
  const stages = new Map<string, IndexedStage>();
  const regions = new Map<string, IndexedRegion>();
  const ordered: StageSpec[] = [];
  const visit = (list: StageSpec[], ancestors: string[], parallelId?: string, regionId?: string) => {
    for (const stage of list) {
      ordered.push(stage);
      if (!stages.has(stage.id)) stages.set(stage.id, { stage, parallelId, regionId, ancestors });
      for (const region of stage.regions ?? []) {
        if (!regions.has(region.id)) regions.set(region.id, { region, parallelId: stage.id });
        visit(region.stages, [...ancestors, stage.id], stage.id, region.id);
      }
    }
  };
  visit(definition.stages, []);
  return { stages, regions, ordered };
}
