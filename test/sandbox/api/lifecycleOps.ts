// Lifecycle policies and their previews (really evaluated over the registry's images).
import { EcrError, invalidParameter } from '../ecrError';
import { evaluateLifecycle, parseLifecyclePolicy } from '../lifecycle';
import { storageName, type Repository, type SandboxState } from '../model';
import type { Operation } from './context';
import { epoch, imageIdOf, optionalEnum, optionalList, optionalObject, optionalString, page, requiredString } from './params';

function validatedPolicy(text: string): string {
  try {
    parseLifecyclePolicy(text);
  } catch (error) {
    throw invalidParameter(
      `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${(error as Error).message}'`,
    );
  }
  return text;
}

function policyOrThrow(repo: Repository): { text: string; updatedAt: Date } {
  if (!repo.lifecyclePolicy) {
    throw new EcrError(
      'LifecyclePolicyNotFoundException',
      `Lifecycle policy does not exist for the repository with name '${repo.name}' in the registry with id '${repo.registry.accountId}'`,
    );
  }
  return repo.lifecyclePolicy;
}

const getLifecyclePolicy: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const policy = policyOrThrow(repo);
  return { registryId: repo.registry.accountId, repositoryName: repo.name, lifecyclePolicyText: policy.text, lastEvaluatedAt: epoch(policy.updatedAt) };
};

const putLifecyclePolicy: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const text = validatedPolicy(requiredString(input, 'lifecyclePolicyText', 100, 30720));
  repo.lifecyclePolicy = { text, updatedAt: new Date() };
  return { registryId: repo.registry.accountId, repositoryName: repo.name, lifecyclePolicyText: text };
};

const deleteLifecyclePolicy: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const policy = policyOrThrow(repo);
  repo.lifecyclePolicy = undefined;
  return { registryId: repo.registry.accountId, repositoryName: repo.name, lifecyclePolicyText: policy.text, lastEvaluatedAt: epoch(policy.updatedAt) };
};

export function runPreview(state: SandboxState, repo: Repository, policyText: string): void {
  const rules = parseLifecyclePolicy(policyText);
  const images = state.images.list(repo).images.map((image) => {
    const storage = state.storageClass(repo, image.digest);
    return { ...image, lastPulledAt: state.lastPull(repo, image.digest), archived: storage.status !== 'ACTIVE', archivedAt: storage.lastArchivedAt };
  });
  const byDigest = new Map(images.map((image) => [image.digest, image]));
  const results = evaluateLifecycle(rules, images).map((expiry) => {
    const image = byDigest.get(expiry.digest);
    return {
      imageDigest: expiry.digest,
      imageTags: image?.tags ?? [],
      imagePushedAt: image?.pushedAt ?? new Date(0),
      appliedRulePriority: expiry.appliedRulePriority,
      action: expiry.action,
      storageClass: image?.archived ? ('ARCHIVE' as const) : ('STANDARD' as const),
    };
  });
  repo.preview = { policyText, startedAt: Date.now(), results };
}

const previewDone = (state: SandboxState, repo: Repository): boolean => !!repo.preview && Date.now() - repo.preview.startedAt >= state.previewDelayMs;

const startLifecyclePolicyPreview: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const given = optionalString(input, 'lifecyclePolicyText', 100, 30720);
  const text = given !== undefined ? validatedPolicy(given) : policyOrThrow(repo).text;
  if (repo.preview && !previewDone(ctx.state, repo)) {
    throw new EcrError('LifecyclePolicyPreviewInProgressException', 'The previous lifecycle policy preview request has not completed. Wait and try again.');
  }
  runPreview(ctx.state, repo, text);
  return { registryId: repo.registry.accountId, repositoryName: repo.name, lifecyclePolicyText: text, status: 'IN_PROGRESS' };
};

const getLifecyclePolicyPreview: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const preview = repo.preview;
  if (!preview) {
    throw new EcrError(
      'LifecyclePolicyPreviewNotFoundException',
      `There is no dry run for the repository with name '${repo.name}' in the registry with id '${repo.registry.accountId}'`,
    );
  }
  const base = { registryId: repo.registry.accountId, repositoryName: repo.name, lifecyclePolicyText: preview.policyText };
  const ids = optionalList(input, 'imageIds', 1, 100)?.map((raw) => imageIdOf(raw, 'imageIds'));
  const status = optionalEnum(optionalObject(input, 'filter')?.tagStatus, 'filter.tagStatus', ['TAGGED', 'UNTAGGED', 'ANY'] as const) ?? 'ANY';
  if (!previewDone(ctx.state, repo)) {
    page([], input, `Preview:${storageName(repo)}`, { defaultMax: 100, max: 100 }); // still validates maxResults
    return { ...base, status: 'IN_PROGRESS', previewResults: [] };
  }
  const results = preview.results.filter((result) => {
    if (status !== 'ANY' && (status === 'TAGGED') !== result.imageTags.length > 0) return false;
    return !ids || ids.some((id) => id.imageDigest === result.imageDigest || (id.imageTag !== undefined && result.imageTags.includes(id.imageTag)));
  });
  const { items, nextToken } = page(results, input, `Preview:${storageName(repo)}:${status}`, { defaultMax: 100, max: 100 });
  return {
    ...base,
    status: 'COMPLETE',
    previewResults: items.map((result) => ({
      imageDigest: result.imageDigest,
      imageTags: result.imageTags,
      imagePushedAt: epoch(result.imagePushedAt),
      action: result.action === 'transition' ? { type: 'TRANSITION', targetStorageClass: 'ARCHIVE' } : { type: 'EXPIRE' },
      appliedRulePriority: result.appliedRulePriority,
      storageClass: result.storageClass,
    })),
    summary: previewSummary(preview.results),
    nextToken,
  };
};

function previewSummary(results: readonly { action: 'expire' | 'transition' }[]): object {
  const transitioning = results.filter((r) => r.action === 'transition').length;
  return {
    expiringImageTotalCount: results.length - transitioning,
    transitioningImageTotalCounts: transitioning > 0 ? [{ targetStorageClass: 'ARCHIVE', imageTotalCount: transitioning }] : undefined,
  };
}

export const lifecycleOperations: Record<string, Operation> = {
  GetLifecyclePolicy: getLifecyclePolicy,
  PutLifecyclePolicy: putLifecyclePolicy,
  DeleteLifecyclePolicy: deleteLifecyclePolicy,
  StartLifecyclePolicyPreview: startLifecyclePolicyPreview,
  GetLifecyclePolicyPreview: getLifecyclePolicyPreview,
};
