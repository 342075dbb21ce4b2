import { CreateCoreSchema1764000000000 } from './1764000000000-CreateCoreSchema';
import { CreateSchedulingAndNotifications1764100000000 } from './1764100000000-CreateSchedulingAndNotifications';
import { CreateParticipation1764200000000 } from './1764200000000-CreateParticipation';
import { CreateAuditCheckpoints1764300000000 } from './1764300000000-CreateAuditCheckpoints';

/** Listed explicitly (not globbed) so the same list works compiled, under jest and from the CLI. */
export const MIGRATIONS = [CreateCoreSchema1764000000000, CreateSchedulingAndNotifications1764100000000, CreateParticipation1764200000000, CreateAuditCheckpoints1764300000000];
