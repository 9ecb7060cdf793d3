export type { AmbiguousTerm, LabDefinition, LabTermKind } from './lab-definition';
export { DEFAULT_LABS } from './default-labs';
export { LabMatcher, type LabMatch, type MentionSpan } from './lab-matcher';
export { validateLabDefinition, validateLabDefinitions } from './lab-definition.validator';
