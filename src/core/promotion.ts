// Promotion stages (`ecr.promotion.stages`): an ordered list of repositories an image moves
// through, e.g. dev -> staging -> prod. Pure: reading the setting and finding an image's next stage.

export interface PromotionStage {
  readonly name: string;
  /** The registry host (e.g. "111111111111.dkr.ecr.us-east-1.amazonaws.com"), when given as a URI. */
  readonly host?: string;
  /** "<account>/<region>", when given as `registry`. */
  readonly account?: string;
  readonly region?: string;
  readonly repository: string;
  /** Workspace-relative path whose policy rules apply when promoting into this stage (default: all rules). */
  readonly policyPath?: string;
}

export interface StagesSetting {
  readonly stages: readonly PromotionStage[];
  /** Entries that were left out, with why (for a warning naming the setting). */
  readonly problems: readonly string[];
}

/** Where an image lives, to find its stage. */
export interface StagePlace {
  readonly host?: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly repository: string;
}

const ACCOUNT_REGION = /^(\d{12})\/([a-z]{2}(?:-[a-z]+)+-\d+)$/;

/**
 * Each entry: `{ name, repository: "<host>/<name>" }` (a repository URI) or
 * `{ name, registry: "<account>/<region>", repository: "<name>" }`; optional `policyPath`.
 */
export function parseStages(raw: unknown): StagesSetting {
  const stages: PromotionStage[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { stages, problems };
  if (!Array.isArray(raw)) return { stages, problems: ['ecr.promotion.stages must be a list of stages.'] };
  raw.forEach((entry: unknown, i) => {
    const where = `ecr.promotion.stages[${i}]`;
    if (typeof entry !== 'object' || entry === null) return void problems.push(`${where} is not an object.`);
    const { name, repository, registry, policyPath } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) return void problems.push(`${where} has no name.`);
    if (typeof repository !== 'string' || !repository.trim()) return void problems.push(`${where} (${name}) has no repository.`);
    const path = typeof policyPath === 'string' && policyPath.trim() ? { policyPath: policyPath.trim() } : {};
    if (typeof registry === 'string' && registry.trim()) {
      const match = ACCOUNT_REGION.exec(registry.trim());
      if (!match) return void problems.push(`${where} (${name}): registry must be "<12-digit account>/<region>", e.g. "111111111111/us-east-1".`);
      return void stages.push({ name: name.trim(), account: match[1], region: match[2], repository: repository.trim(), ...path });
    }
    const slash = repository.indexOf('/');
    const host = slash > 0 ? repository.slice(0, slash) : '';
    if (!host.includes('.') && !host.includes(':')) {
      return void problems.push(`${where} (${name}): repository must be a repository URI ("<registry host>/<name>") unless registry is given.`);
    }
    stages.push({ name: name.trim(), host, repository: repository.slice(slash + 1), ...path });
  });
  return { stages, problems };
}

export function stageMatches(stage: PromotionStage, place: StagePlace): boolean {
  if (stage.repository !== place.repository) return false;
  if (stage.host) return stage.host === place.host;
  return stage.account === place.accountId && stage.region === place.region;
}

/** The stage an image's repository is, and the one after it (undefined at the last stage). */
export function stageOf(stages: readonly PromotionStage[], place: StagePlace): { readonly stage: PromotionStage; readonly next?: PromotionStage } | undefined {
  const index = stages.findIndex((stage) => stageMatches(stage, place));
  return index < 0 ? undefined : { stage: stages[index], next: stages[index + 1] };
}

/** How a stage's destination is written, for messages. */
export function stageLocation(stage: PromotionStage): string {
  return stage.host ? `${stage.host}/${stage.repository}` : `${stage.repository} in ${stage.account} (${stage.region})`;
}
