// What the hover probe (inside VS Code) reports to the bench (outside): shared by both sides.
export const HOVERS = 50;
export const LATENCIES = [0, 150];

export interface HoverRound {
  readonly latencyMs: number;
  /** floor: a provider that answers at once (the workbench's own share). */
  readonly cache: 'cold' | 'warm' | 'floor';
  /** Milliseconds per hover, in order. */
  readonly times: number[];
  /** Requests the sandbox received during the round, by operation. */
  readonly calls: Record<string, number>;
}
