// The production gate's policy: parsing, validation and evaluation (no vscode, no AWS).
export * from './types';
export { parsePolicy } from './parse';
export { globMatches } from './glob';
export { keysOf } from './schema';
export type { KeyContext, SchemaKey } from './schema';
export { evaluateFile, expiredSuppressions, factsNeeded, isExpired, rulesFor } from './evaluate';
export type { FileEvaluation, ImageState, ReferenceFacts, SuppressedFindings, Violation } from './evaluate';
