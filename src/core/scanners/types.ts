// The one shape every scanner returns, so the language features need not know the file kind.

export type ScannerKind = 'dockerfile' | 'compose' | 'kubernetes' | 'ecsTaskDefinition' | 'cloudFormation' | 'helmValues';

export interface TextPosition {
  readonly line: number;
  /** UTF-16 code units from the start of the line, as in VS Code. */
  readonly character: number;
}

/** 0-based, end exclusive, VS Code style. */
export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

export interface ImageReference {
  /** The image string exactly as written in the document (the text under `range`). */
  readonly text: string;
  readonly range: TextRange;
  /** The image after variable substitution or unescaping, when it differs from `text`. */
  readonly resolved?: string;
  /** Why the image cannot be resolved, e.g. "uses variable ${TAG} with no default". */
  readonly unresolved?: string;
  readonly kind: ScannerKind;
  /** Silenced by an `ecr-ignore` comment on the line before. */
  readonly ignored?: boolean;
}

export interface Scanner {
  readonly kind: ScannerKind;
  /** Never throws: broken documents yield the references that can still be read. */
  scan(text: string): ImageReference[];
}
