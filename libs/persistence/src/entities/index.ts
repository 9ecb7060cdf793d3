import { LabEntity } from './lab.entity';
import { SourceEntity } from './source.entity';

export { LabEntity, SourceEntity };
export type { SourceStatus } from './source.entity';

export const ENTITIES = [LabEntity, SourceEntity];
