import type { CommandFactory } from '.';
import type { NewRepository } from '../aws/ecrApi';
import type { EcrContext } from '../context';
import type { RegistryNode } from '../explorer/nodes';
import { loadAws } from '../lazy';
import { withProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { apiOf, registryArg } from './nodeArgs';

/** Arguments that skip the prompts (tests, keybindings): the registry node plus the spec. */
export interface CreateRepositoryArgs {
  readonly name: string;
  readonly tagMutability?: NewRepository['tagMutability'];
  readonly scanOnPush?: boolean;
  readonly encryption?: NewRepository['encryption'];
  readonly kmsKey?: string;
}

export const createRepository: CommandFactory = (ctx) => ({
  id: 'ecr.createRepository',
  run: async (arg, given?: unknown) => {
    const registry = await registryArg(ctx, arg);
    if (!registry) return undefined;
    const { validateRepositoryName } = await loadAws();
    const spec = (given as CreateRepositoryArgs | undefined) ?? (await ask(ctx.prompts, validateRepositoryName));
    if (!spec) return undefined;
    return createRepositoryIn(ctx, registry, spec);
  },
});

/** Creates the repository in `registry`; throws when ECR (or the name check) refuses. */
export async function createRepositoryIn(ctx: EcrContext, registry: RegistryNode, spec: CreateRepositoryArgs): Promise<string | undefined> {
  const { validateRepositoryName } = await loadAws();
  const problem = validateRepositoryName(spec.name);
  if (problem) throw new Error(`"${spec.name}" is not a valid repository name: ${problem}`);
  const api = await apiOf(ctx, registry);
  const repository = await withProgress(`Creating repository ${spec.name}`, () =>
    api.createRepository({
      name: spec.name,
      tagMutability: spec.tagMutability ?? 'MUTABLE',
      scanOnPush: spec.scanOnPush ?? false,
      encryption: spec.encryption ?? 'AES256',
      kmsKey: spec.kmsKey,
    }),
  );
  ctx.log.info(`Created repository ${repository.repositoryUri}`);
  ctx.model.refresh(registry);
  return repository.repositoryUri;
}

async function ask(prompts: Prompts, validate: (name: string) => string | undefined): Promise<CreateRepositoryArgs | undefined> {
  const name = await prompts.input({
    title: 'Create repository (1/4): name',
    prompt: 'Lowercase letters, digits, and . _ - / between them, e.g. team/web-app',
    validateInput: (value) => (value ? validate(value) : 'Enter a name'),
  });
  if (!name) return undefined;
  const mutability = await prompts.pick(
    [
      { label: 'Mutable tags', description: 'a push may move an existing tag', value: 'MUTABLE' as const },
      { label: 'Immutable tags', description: 'a tag, once pushed, always names the same image', value: 'IMMUTABLE' as const },
    ],
    { title: 'Create repository (2/4): tag mutability' },
  );
  if (!mutability) return undefined;
  const scan = await prompts.pick(
    [
      { label: 'Scan on push', value: true },
      { label: 'No scan on push', value: false },
    ],
    { title: 'Create repository (3/4): scanning' },
  );
  if (!scan) return undefined;
  const encryption = await prompts.pick(
    [
      { label: 'AES-256', description: 'keys managed by Amazon ECR', value: 'AES256' as const },
      { label: 'AWS KMS', description: 'a KMS key (default aws/ecr, or your own)', value: 'KMS' as const },
    ],
    { title: 'Create repository (4/4): encryption' },
  );
  if (!encryption) return undefined;
  const kmsKey =
    encryption.value === 'KMS'
      ? await prompts.input({ title: 'KMS key ARN or alias (empty: the AWS managed key)', value: '' })
      : undefined;
  return { name, tagMutability: mutability.value, scanOnPush: scan.value, encryption: encryption.value, kmsKey: kmsKey || undefined };
}
