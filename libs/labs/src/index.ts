export type { AmbiguousTerm, LabDefinition, LabTermKind } from './lab-definition';
export { DEFAULT_LABS } from './default-labs';
export { LabMatcher, type LabMatch, type MentionSpan } from './lab-matcher';
export { LAB_LIMITS, validateLabDefinition, validateLabDefinitions } from './lab-definition.validator';
export { MAX_SCANNED_CHARS, scannedText } from './scanned-text';
export { MAX_PATTERN_LENGTH, SuffixPattern } from './suffix-pattern';
