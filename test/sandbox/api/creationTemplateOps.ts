// Repository creation templates: Create/Describe/Update/DeleteRepositoryCreationTemplate with ECR's
// constraints (prefix 1-256 characters or ROOT, appliedFor required, description up to 256,
// lifecycle policy 100-30,720 characters and valid, repository policy up to 10,240 and valid).
import { EcrError, invalidParameter } from '../ecrError';
import { parseLifecyclePolicy } from '../lifecycle';
import type { RegistryState } from '../model';
import { settingsOf, type AppliedFor, type CreationTemplate } from '../registrySettings';
import type { Operation } from './context';
import { epoch, page, type Input } from './params';
import { parsePolicy } from './policyOps';
import { enumValue, list, optionalText, struct, text } from './shapes';
import { parseMutability } from './tagMutability';

export const TEMPLATE_PREFIX = /^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*\/?|ROOT)$/;
export const TEMPLATE_LIMIT = 100;
const APPLIED_FOR: readonly AppliedFor[] = ['REPLICATION', 'PULL_THROUGH_CACHE', 'CREATE_ON_PUSH'];
const ANY = /^[\s\S]*$/;
const ROLE_ARN = /^arn:aws(-\w+)*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;

const normalPrefix = (prefix: string): string => (prefix !== 'ROOT' && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);

function templateOf(registry: RegistryState, prefix: string): CreationTemplate {
  const template = settingsOf(registry).templates.get(normalPrefix(prefix));
  if (!template) {
    throw new EcrError('TemplateNotFoundException', `The repository creation template with prefix '${prefix}' does not exist in the registry with id '${registry.accountId}'`);
  }
  return template;
}

function templateShape(t: CreationTemplate): object {
  return {
    prefix: t.prefix,
    description: t.description,
    encryptionConfiguration: t.encryptionConfiguration && { ...t.encryptionConfiguration },
    resourceTags: t.resourceTags?.map((tag) => ({ ...tag })),
    imageTagMutability: t.imageTagMutability,
    imageTagMutabilityExclusionFilters: t.imageTagMutabilityExclusionFilters?.map((f) => ({ ...f })),
    repositoryPolicy: t.repositoryPolicy,
    lifecyclePolicy: t.lifecyclePolicy,
    appliedFor: [...t.appliedFor],
    customRoleArn: t.customRoleArn,
    createdAt: epoch(t.createdAt),
    updatedAt: epoch(t.updatedAt),
  };
}

type TemplateFields = Omit<CreationTemplate, 'prefix' | 'createdAt' | 'updatedAt' | 'appliedFor'> & { appliedFor?: AppliedFor[] };

/** The template's settings present in `input`, each checked as ECR checks it. */
function parseFields(input: Input, appliedForRequired: boolean): TemplateFields {
  const fields: TemplateFields = {};
  const appliedFor = input.appliedFor === undefined && !appliedForRequired
    ? undefined
    : list(input.appliedFor, 'appliedFor', 1, APPLIED_FOR.length, true).map((v, i) => enumValue(v, `appliedFor.${i + 1}.member`, APPLIED_FOR, true) as AppliedFor);
  if (appliedFor) fields.appliedFor = [...new Set(appliedFor)];
  if (input.description !== undefined) fields.description = optionalText(input.description, 'description', ANY, 0, 256);
  if (input.customRoleArn !== undefined) fields.customRoleArn = optionalText(input.customRoleArn, 'customRoleArn', ROLE_ARN, 0, 2048);
  if (input.encryptionConfiguration !== undefined) {
    const encryption = struct(input.encryptionConfiguration, 'encryptionConfiguration');
    const encryptionType = enumValue(encryption.encryptionType, 'encryptionConfiguration.encryptionType', ['AES256', 'KMS', 'KMS_DSSE'] as const, true) ?? 'AES256';
    const kmsKey = optionalText(encryption.kmsKey, 'encryptionConfiguration.kmsKey', ANY, 1, 2048);
    if (kmsKey && encryptionType === 'AES256') {
      throw invalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'kmsKey can only be specified with KMS encryption'");
    }
    fields.encryptionConfiguration = kmsKey ? { encryptionType, kmsKey } : { encryptionType };
  }
  if (input.resourceTags !== undefined) {
    fields.resourceTags = list(input.resourceTags, 'resourceTags', 0, 50, false).map((raw, i) => {
      const tag = struct(raw, `resourceTags.${i + 1}.member`);
      return { Key: text(tag.Key, `resourceTags.${i + 1}.member.Key`, ANY, 1, 128), Value: text(tag.Value, `resourceTags.${i + 1}.member.Value`, ANY, 0, 256) };
    });
  }
  const mutability = parseMutability(input, false);
  if (mutability) {
    fields.imageTagMutability = mutability.imageTagMutability;
    fields.imageTagMutabilityExclusionFilters = mutability.imageTagMutabilityExclusionFilters && [...mutability.imageTagMutabilityExclusionFilters];
  }
  if (input.lifecyclePolicy !== undefined) {
    const policy = text(input.lifecyclePolicy, 'lifecyclePolicy', ANY, 100, 30_720);
    try {
      parseLifecyclePolicy(policy);
    } catch (error) {
      throw invalidParameter(`Invalid parameter at 'lifecyclePolicy' failed to satisfy constraint: 'Lifecycle policy validation failure: ${(error as Error).message}'`);
    }
    fields.lifecyclePolicy = policy;
  }
  if (input.repositoryPolicy !== undefined) {
    const policy = text(input.repositoryPolicy, 'repositoryPolicy', ANY, 0, 10_240);
    if (policy) parsePolicy(policy, 'repositoryPolicy', 'repository');
    fields.repositoryPolicy = policy || undefined;
  }
  return fields;
}

const prefixOf = (input: Input): string => normalPrefix(text(input.prefix, 'prefix', TEMPLATE_PREFIX, 1, 256));

const createTemplate: Operation = async (ctx, input) => {
  const prefix = prefixOf(input);
  const fields = parseFields(input, true);
  const registry = await ctx.registry({});
  const templates = settingsOf(registry).templates;
  if (templates.has(prefix)) {
    throw new EcrError('TemplateAlreadyExistsException', `The repository creation template with prefix '${prefix}' already exists in the registry with id '${registry.accountId}'`);
  }
  if (templates.size >= TEMPLATE_LIMIT) {
    throw new EcrError('LimitExceededException', `The maximum number of repository creation templates (${TEMPLATE_LIMIT}) for the registry with id '${registry.accountId}' has been reached`);
  }
  const now = new Date();
  const template: CreationTemplate = { ...fields, appliedFor: fields.appliedFor ?? [], prefix, createdAt: now, updatedAt: now };
  templates.set(prefix, template);
  return { registryId: registry.accountId, repositoryCreationTemplate: templateShape(template) };
};

const describeTemplates: Operation = async (ctx, input) => {
  const registry = await ctx.registry({});
  const prefixes = list(input.prefixes, 'prefixes', 1, 100, false).map((p, i) => normalPrefix(text(p, `prefixes.${i + 1}.member`, TEMPLATE_PREFIX, 1, 256)));
  const all = [...settingsOf(registry).templates.values()].sort((a, b) => (a.prefix < b.prefix ? -1 : 1));
  // Unlike DescribePullThroughCacheRules, prefixes without a template are left out, not refused.
  const chosen = prefixes.length > 0 ? all.filter((t) => prefixes.includes(t.prefix)) : all;
  const { items, nextToken } = page(chosen, input, `DescribeRepositoryCreationTemplates:${registry.accountId}/${registry.region}:${prefixes.join(',')}`, { defaultMax: 100, max: 1000 });
  return { registryId: registry.accountId, repositoryCreationTemplates: items.map(templateShape), nextToken };
};

const updateTemplate: Operation = async (ctx, input) => {
  const prefix = prefixOf(input);
  const fields = parseFields(input, false);
  const registry = await ctx.registry({});
  const template = templateOf(registry, prefix);
  if (fields.imageTagMutability && !fields.imageTagMutabilityExclusionFilters) template.imageTagMutabilityExclusionFilters = undefined;
  Object.assign(template, fields, { updatedAt: new Date() });
  return { registryId: registry.accountId, repositoryCreationTemplate: templateShape(template) };
};

const deleteTemplate: Operation = async (ctx, input) => {
  const prefix = prefixOf(input);
  const registry = await ctx.registry({});
  const template = templateOf(registry, prefix);
  settingsOf(registry).templates.delete(template.prefix);
  return { registryId: registry.accountId, repositoryCreationTemplate: templateShape(template) };
};

export const creationTemplateOperations: Record<string, Operation> = {
  CreateRepositoryCreationTemplate: createTemplate,
  DescribeRepositoryCreationTemplates: describeTemplates,
  UpdateRepositoryCreationTemplate: updateTemplate,
  DeleteRepositoryCreationTemplate: deleteTemplate,
};
