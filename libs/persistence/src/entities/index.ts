import { LabEntity } from './lab.entity';
import { PostEntity } from './post.entity';
import { SourceEntity } from './source.entity';

export { LabEntity, PostEntity, SourceEntity };
export type { SourceStatus } from './source.entity';

export const ENTITIES = [LabEntity, SourceEntity, PostEntity];
