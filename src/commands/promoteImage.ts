// ecr.promoteImage: "Promote to Next Stage" on an image row whose repository is a stage of
// `ecr.promotion.stages`. The production gate (.ecr-policy.yaml) judges the image first; an image
// that fails it is refused with the reasons. Otherwise it is copied, with its tags, to the next stage.
import type { CommandFactory } from '.';
import type { EcrContext } from '../context';
import { stageLocation, stageOf, type PromotionStage } from '../core/promotion';
import { registryNode } from '../explorer/nodes';
import { reportFailure } from '../push/failure';
import { registryForHost, type ReachableRegistry } from '../push/registryAccess';
import { readPromotionStages } from '../ui/config';
import { announceCopy, runCopy, sourceOfNode, type CopyHooks, type CopySource } from '../push/copyFlow';
import type { CopyOutcome } from './copyImage';
import { imageArg } from './nodeArgs';

/** The gate refused the image; the message lists every reason. */
export class PromotionRefusedError extends Error {
  override readonly name = 'PromotionRefusedError';
  constructor(message: string, readonly reasons: readonly string[]) {
    super(message);
  }
}

export const promoteImage: CommandFactory = (ctx) => ({
  id: 'ecr.promoteImage',
  run: async (arg, given?: unknown): Promise<CopyOutcome | undefined> => {
    const node = imageArg(ctx, arg);
    if (!node) return undefined;
    try {
      const hooks = (given ?? {}) as CopyHooks;
      const { stages, problems } = readPromotionStages();
      for (const problem of problems) ctx.log.warn(problem);
      if (stages.length === 0) throw new Error(`No promotion stages are set: list them in the ecr.promotion.stages setting (e.g. dev, staging, prod).${problems.length ? ` ${problems.join(' ')}` : ''}`);
      const source = await sourceOfNode(ctx, node);
      const entry = source.registry.node.registry;
      const found = stageOf(stages, { host: source.registry.host, accountId: entry.info?.accountId, region: entry.source.region, repository: source.repository });
      if (!found) throw new Error(`${source.repository} in ${entry.source.label} is not a stage of ecr.promotion.stages (${stages.map((s) => s.name).join(' → ')}).`);
      const next = found.next;
      if (!next) throw new Error(`${source.repository} is the last stage (${found.stage.name}): there is no stage to promote it to.`);
      const registry = await registryOfStage(ctx, next);
      if (!(await passesGate(ctx, source, next))) return undefined;
      const destination = { registry, repository: next.repository };
      const tags = [...source.tags];
      const title = `Promote ${source.label} to ${next.name}`;
      const result = await runCopy(ctx, title, source, destination, tags, hooks);
      return { digest: result.digest, result, message: announceCopy(ctx, `Promoted (${found.stage.name} → ${next.name})`, source, destination, tags, result) };
    } catch (error) {
      return { error: reportFailure(ctx, error) };
    }
  },
});

async function registryOfStage(ctx: EcrContext, stage: PromotionStage): Promise<ReachableRegistry> {
  if (stage.host) return registryForHost(ctx, stage.host);
  const entry = (await ctx.model.registries()).find((e) => e.api && !e.problem && e.info?.accountId === stage.account && e.source.region === stage.region);
  if (!entry?.api || !entry.info) throw new Error(`Stage ${stage.name}: no reachable registry is account ${stage.account} in ${stage.region}. Add it in ecr.registries or configure a profile for it.`);
  return { node: registryNode(entry), api: entry.api, host: entry.info.host };
}

/** Judges the image (by digest: what is copied) with the workspace's policy; throws with the reasons when it fails. */
async function passesGate(ctx: EcrContext, source: CopySource, next: PromotionStage): Promise<boolean> {
  const imageUri = `${source.registry.host}/${source.repository}@${source.reference}`;
  const verdict = await ctx.language.gate.evaluateImage(imageUri, next.policyPath);
  if (verdict.kind === 'noPolicy') {
    return ctx.prompts.confirm(
      `No .ecr-policy.yaml in the workspace: nothing checks ${source.label} before it reaches ${next.name}. Promote anyway?`,
      'Promote',
      `It is copied to ${stageLocation(next)}.`,
    );
  }
  if (verdict.kind === 'broken') {
    throw new PromotionRefusedError(`Not promoted: the policy ${verdict.policyUri.fsPath} has errors (${verdict.problems.join('; ')}).`, verdict.problems);
  }
  if (verdict.violations.length > 0) {
    for (const reason of verdict.violations) ctx.log.warn(`Promotion of ${imageUri} to ${next.name} refused: ${reason}`);
    throw new PromotionRefusedError(`${source.label} cannot be promoted to ${next.name}: ${verdict.violations.join('; ')}.`, verdict.violations);
  }
  ctx.log.info(`${imageUri} passes the ${verdict.rules} rule(s) of ${verdict.policyUri.fsPath} for ${next.name}`);
  return ctx.prompts.confirm(
    `Promote ${source.label} to ${next.name}?`,
    'Promote',
    `It passes the ${verdict.rules} rule(s) of the policy and is copied to ${stageLocation(next)}${source.tags.length ? ` with its tags (${source.tags.join(', ')}), moving them there if they exist` : ''}.`,
  );
}
