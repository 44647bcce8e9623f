// What the memory probe (inside VS Code) reports to the bench (outside): shared by both sides.

/** The bulk-seeded repository the probe expands in the ECR view. */
export const MEMORY_REPOSITORY = 'bench/memory';
export const MEMORY_IMAGES = 20_000;
export const MEMORY_FILES = 1_000;

/** process.memoryUsage() of the extension host at one point, the minimum of a few samples. */
export interface MemoryPoint {
  readonly heapUsed: number;
  readonly rss: number;
  /** Each sample taken, in bytes: [heapUsed, rss]. */
  readonly samples: readonly (readonly [number, number])[];
}

export interface MemoryResult {
  readonly vscode: string;
  readonly node: string;
  /** How (and whether) a garbage collection was forced before each sample. */
  readonly gc: 'global.gc' | 'v8 flag --expose-gc set at run time' | 'none';
  readonly baseline?: MemoryPoint;
  readonly explorer?: MemoryPoint & {
    /** Images in the repository's listing once all pages were in. */
    readonly images: number;
    readonly ms: number;
    readonly calls: Record<string, number>;
  };
  readonly workspace?: MemoryPoint & {
    readonly files: number;
    readonly problems: number;
    /** Diagnostics in the workspace afterwards, by severity name. */
    readonly severities: Record<string, number>;
    readonly ms: number;
    readonly calls: Record<string, number>;
  };
  readonly error?: string;
}
