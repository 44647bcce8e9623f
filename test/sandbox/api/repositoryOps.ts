// Registry- and repository-level operations.
import { EcrError, invalidParameter, repositoryNotFound } from '../ecrError';
import { addRepository, repositoryArn, repositoryUri, storageName, type Repository } from '../model';
import type { Operation } from './context';
import {
  checkRepositoryName,
  epoch,
  optionalEnum,
  optionalList,
  optionalObject,
  page,
  repositoryName,
  requiredString,
  type Input,
} from './params';
import { parseMutability } from './tagMutability';

export function repositoryShape(repo: Repository): object {
  return {
    repositoryArn: repositoryArn(repo),
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    repositoryUri: repositoryUri(repo),
    createdAt: epoch(repo.createdAt),
    imageTagMutability: repo.imageTagMutability,
    imageTagMutabilityExclusionFilters: repo.imageTagMutabilityExclusionFilters?.map((f) => ({ ...f })),
    imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    encryptionConfiguration: repo.encryption,
  };
}

const getAuthorizationToken: Operation = async (ctx) => {
  const registry = await ctx.state.ensureRegistry(ctx.caller.accountId, ctx.caller.region);
  const token = ctx.state.issueToken(registry.accountId, registry.region);
  return {
    authorizationData: [
      { authorizationToken: token.authorizationToken, expiresAt: epoch(token.expiresAt), proxyEndpoint: `http://${registry.host}` },
    ],
  };
};

const describeRepositories: Operation = async (ctx, input) => {
  const registry = await ctx.registry(input);
  const names = optionalList(input, 'repositoryNames', 1, 100);
  if (names) {
    if (input.maxResults !== undefined || input.nextToken !== undefined) {
      throw invalidParameter('maxResults and nextToken cannot be used together with repositoryNames');
    }
    const repos = names.map((name) => {
      const repo = registry.repositories.get(checkRepositoryName(name, 'repositoryNames'));
      if (!repo) throw repositoryNotFound(String(name), registry.accountId);
      return repo;
    });
    return { repositories: repos.map(repositoryShape) };
  }
  const all = [...registry.repositories.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const { items, nextToken } = page(all, input, `DescribeRepositories:${registry.accountId}`, { defaultMax: 100, max: 1000 });
  return { repositories: items.map(repositoryShape), nextToken };
};

const createRepository: Operation = async (ctx, input) => {
  const name = repositoryName(input);
  const registry = await ctx.registry(input);
  if (registry.repositories.has(name)) {
    throw new EcrError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${registry.accountId}'`);
  }
  const tags = parseTags(input.tags, 'tags');
  const mutability = parseMutability(input, false) ?? { imageTagMutability: 'MUTABLE' };
  const scanning = optionalObject(input, 'imageScanningConfiguration');
  const encryption = optionalObject(input, 'encryptionConfiguration');
  const encryptionType = optionalEnum(encryption?.encryptionType, 'encryptionConfiguration.encryptionType', ['AES256', 'KMS', 'KMS_DSSE'] as const) ?? 'AES256';
  if (encryption?.kmsKey !== undefined && encryptionType === 'AES256') {
    throw invalidParameter('Invalid parameter at \'encryptionConfiguration\' failed to satisfy constraint: \'kmsKey can only be specified with KMS encryption\'');
  }
  const kmsKey = encryptionType === 'AES256'
    ? undefined
    : typeof encryption?.kmsKey === 'string' ? encryption.kmsKey : `arn:aws:kms:${registry.region}:${registry.accountId}:alias/aws/ecr`;
  const repo = addRepository(registry, name, {
    ...mutability,
    scanOnPush: scanning?.scanOnPush === true,
    encryption: kmsKey ? { encryptionType, kmsKey } : { encryptionType },
    tags,
  });
  return { repository: repositoryShape(repo) };
};

const deleteRepository: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const imageCount = ctx.state.images.list(repo).images.length;
  if (imageCount > 0 && input.force !== true) {
    throw new EcrError(
      'RepositoryNotEmptyException',
      `The repository with name '${repo.name}' in registry with id '${repo.registry.accountId}' cannot be deleted because it still contains images`,
    );
  }
  // distribution 2.8 has no repository-delete API: remove its storage directory.
  ctx.state.storage.removeRepository(storageName(repo));
  ctx.state.forgetRepository(repo);
  repo.registry.repositories.delete(repo.name);
  return { repository: repositoryShape(repo) };
};

const putImageTagMutability: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const setting = parseMutability(input, true);
  if (!setting) throw invalidParameter("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must not be null'");
  repo.imageTagMutability = setting.imageTagMutability;
  repo.imageTagMutabilityExclusionFilters = setting.imageTagMutabilityExclusionFilters;
  return {
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    imageTagMutability: setting.imageTagMutability,
    imageTagMutabilityExclusionFilters: setting.imageTagMutabilityExclusionFilters?.map((f) => ({ ...f })),
  };
};

const putImageScanningConfiguration: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const config = optionalObject(input, 'imageScanningConfiguration');
  if (!config) throw invalidParameter("Invalid parameter at 'imageScanningConfiguration' failed to satisfy constraint: 'Member must not be null'");
  repo.scanOnPush = config.scanOnPush === true;
  return { registryId: repo.registry.accountId, repositoryName: repo.name, imageScanningConfiguration: { scanOnPush: repo.scanOnPush } };
};

// --- resource tags ---------------------------------------------------------------------------

function parseTags(value: unknown, field: string): [string, string][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter(`Invalid parameter at '${field}' failed to satisfy constraint: 'Member must be a list'`);
  return value.map((tag: unknown) => {
    const { Key, Value } = (tag ?? {}) as Input;
    if (typeof Key !== 'string' || Key.length < 1 || Key.length > 128 || Key.startsWith('aws:')) {
      throw new EcrError('InvalidTagParameterException', 'Invalid parameter at \'Key\' failed to satisfy constraint: \'Tag keys must be 1-128 characters and must not start with aws:\'');
    }
    if (typeof Value !== 'string' || Value.length > 256) {
      throw new EcrError('InvalidTagParameterException', 'Invalid parameter at \'Value\' failed to satisfy constraint: \'Tag values must be 0-256 characters\'');
    }
    return [Key, Value];
  });
}

async function repositoryByArn(ctx: Parameters<Operation>[0], input: Input): Promise<Repository> {
  const arn = requiredString(input, 'resourceArn');
  const match = /^arn:aws:ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(arn);
  if (!match) throw invalidParameter(`Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN: ${arn}'`);
  const [, region, accountId, name] = match;
  const registry = ctx.state.registry(accountId, region);
  const repo = registry?.repositories.get(name);
  if (!repo) throw repositoryNotFound(name, accountId);
  return repo;
}

const tagResource: Operation = async (ctx, input) => {
  const repo = await repositoryByArn(ctx, input);
  const tags = parseTags(input.tags, 'tags');
  const merged = new Map([...repo.tags, ...tags]);
  if (merged.size > 50) throw new EcrError('TooManyTagsException', 'A repository can have at most 50 tags.');
  for (const [key, value] of tags) repo.tags.set(key, value);
  return {};
};

const untagResource: Operation = async (ctx, input) => {
  const repo = await repositoryByArn(ctx, input);
  const keys = optionalList(input, 'tagKeys', 0, 200) ?? [];
  for (const key of keys) {
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
      throw new EcrError('InvalidTagParameterException', "Invalid parameter at 'tagKeys' failed to satisfy constraint: 'Tag keys must be 1-128 characters'");
    }
    repo.tags.delete(key);
  }
  return {};
};

const listTagsForResource: Operation = async (ctx, input) => {
  const repo = await repositoryByArn(ctx, input);
  return { tags: [...repo.tags].map(([Key, Value]) => ({ Key, Value })) };
};

export const repositoryOperations: Record<string, Operation> = {
  GetAuthorizationToken: getAuthorizationToken,
  DescribeRepositories: describeRepositories,
  CreateRepository: createRepository,
  DeleteRepository: deleteRepository,
  PutImageTagMutability: putImageTagMutability,
  PutImageScanningConfiguration: putImageScanningConfiguration,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
