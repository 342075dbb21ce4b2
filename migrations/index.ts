import { CreateCoreSchema1764000000000 } from './1764000000000-CreateCoreSchema';

/** Listed explicitly (not globbed) so the same list works compiled, under jest and from the CLI. */
export const MIGRATIONS = [CreateCoreSchema1764000000000];
