// What the hover probe (inside VS Code) reports to the bench (outside): shared by both sides.
export const HOVERS = 50;
export const LATENCIES = [0, 150];

export interface HoverRound {
  readonly latencyMs: number;
  /**
   * floor: a provider that answers at once with plain text (the workbench's own share);
   * markdownFloor: one that answers at once with our warm hover's markdown (the share of rendering it);
   * warmNoFadeIn: warm, with the workbench's hover fade-in animation switched off (its share).
   */
  readonly cache: 'cold' | 'warm' | 'floor' | 'markdownFloor' | 'warmNoFadeIn';
  /** Milliseconds per hover, in order. */
  readonly times: number[];
  /** Requests the sandbox received during the round, by operation. */
  readonly calls: Record<string, number>;
}
