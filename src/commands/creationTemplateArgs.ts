// Asking for and saving a repository creation template (create and edit share the questions).
import { inputParsed } from '../ui/prompts';
import type { CreationTemplateSpec, EncryptionType } from '../aws/ecrApi';
import type { EcrContext } from '../context';
import { lifecyclePolicyTextProblem, parseAppliedFor, templatePrefixProblem, templateProblem } from '../core/registrySettings';
import { appliedForText } from '../explorer/registrySettings';
import { askMutability } from './registrySettingsArgs';

/** Asks for every editable field; `current` fills in the answers (edit), and keeps the prefix. */
export async function askTemplate(ctx: EcrContext, current?: CreationTemplateSpec): Promise<CreationTemplateSpec | undefined> {
  const step = (n: number, what: string) => `${current ? `Edit template ${current.prefix}` : 'New creation template'} (${n}/6): ${what}`;
  const prefix = current?.prefix ?? (await ctx.prompts.input({
    title: step(1, 'prefix'),
    prompt: 'Repositories whose names start with <prefix>/ get these settings; ROOT for every repository without a template of its own',
    validateInput: (value) => templatePrefixProblem(value.trim()),
  }))?.trim();
  if (prefix === undefined) return undefined;
  const description = await ctx.prompts.input({
    title: step(2, 'description'),
    prompt: 'What the template is for (optional, at most 256 characters)',
    value: current?.description ?? '',
    validateInput: (value) => (value.length > 256 ? `At most 256 characters (${value.length}).` : undefined),
  });
  if (description === undefined) return undefined;
  const appliedFor = await inputParsed(
    ctx.prompts,
    {
      title: step(3, 'applied for'),
      prompt: 'When ECR creates a repository for: pull-through cache, replication, create on push (comma-separated)',
      value: (current?.appliedFor ?? ['PULL_THROUGH_CACHE']).map(appliedForText).join(', '),
    },
    parseAppliedFor,
  );
  if (appliedFor === undefined) return undefined;
  const mutability = await askMutability(ctx, step(4, 'tag mutability'), { mode: current?.imageTagMutability, filters: current?.imageTagMutabilityExclusionFilters });
  if (!mutability) return undefined;
  const currentEncryption = current?.encryptionConfiguration;
  const encryption = await ctx.prompts.pick(
    [
      { label: 'AES-256', description: 'encryption keys managed by ECR', value: 'AES256' as EncryptionType },
      { label: 'KMS', description: currentEncryption?.kmsKey ? `the template's key ${currentEncryption.kmsKey}` : 'the AWS managed key for ECR (aws/ecr)', value: 'KMS' as EncryptionType },
    ],
    { title: step(5, 'encryption'), placeHolder: `Encryption (current: ${current?.encryptionConfiguration?.encryptionType ?? 'AES256'})` },
  );
  if (!encryption) return undefined;
  const lifecyclePolicy = await ctx.prompts.input({
    title: step(6, 'lifecycle policy'),
    prompt: 'Lifecycle policy JSON for the new repositories (optional; empty for none)',
    value: current?.lifecyclePolicy ?? '',
    validateInput: (value) => (value.trim() ? lifecyclePolicyTextProblem(value.trim()) : undefined),
  });
  if (lifecyclePolicy === undefined) return undefined;
  return {
    prefix,
    description: description.trim() || undefined,
    appliedFor,
    ...mutability,
    // The same type keeps its key: a custom KMS key is not asked for, and must not be lost.
    encryptionConfiguration: encryption.value === currentEncryption?.encryptionType ? currentEncryption : { encryptionType: encryption.value },
    lifecyclePolicy: lifecyclePolicy.trim() || undefined,
  };
}

/** Refuses before the call what ECR would refuse, with the reason. */
export function checkTemplate(spec: CreationTemplateSpec, what: string): void {
  const problem = templateProblem({ ...spec, appliedFor: spec.appliedFor.map(String) });
  if (problem) throw new Error(`${what}: ${problem}`);
}
