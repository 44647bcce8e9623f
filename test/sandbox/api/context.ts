// What every operation handler gets: the state, the registry process and who is calling.
import type { RegistryBackend } from '../backend';
import { repositoryNotFound } from '../ecrError';
import type { RegistryState, Repository, SandboxState } from '../model';
import { registryId, repositoryName, type Input } from './params';

export interface Caller {
  readonly accountId: string;
  readonly region: string; // from the signature's credential scope
}

export class OpContext {
  constructor(
    readonly state: SandboxState,
    readonly backend: RegistryBackend,
    readonly caller: Caller,
  ) {}

  /** The registry named by `registryId` (default: the caller's account) in the caller's region. */
  registry(input: Input): Promise<RegistryState> {
    return this.state.ensureRegistry(registryId(input) ?? this.caller.accountId, this.caller.region);
  }

  async repository(input: Input): Promise<Repository> {
    const name = repositoryName(input);
    const registry = await this.registry(input);
    const repo = registry.repositories.get(name);
    if (!repo) throw repositoryNotFound(name, registry.accountId);
    return repo;
  }
}

export type Operation = (ctx: OpContext, input: Input) => Promise<object> | object;
