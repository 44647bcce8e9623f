import type { CommandFactory } from '.';
import { mutabilityText, parseExclusionFilters } from '../core/registrySettings';
import { apiOf, repositoryArg } from './nodeArgs';
import { askMutability, type MutabilityChoice } from './registrySettingsArgs';

/** Sets a repository's tag mutability, with exclusion filters; `given` skips the questions (tests, keybindings). */
export const setTagMutability: CommandFactory = (ctx) => ({
  id: 'ecr.setTagMutability',
  run: async (arg, given?: unknown) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const name = node.repository.repositoryName ?? '';
    const choice = (given as MutabilityChoice | undefined) ??
      (await askMutability(ctx, `Tag mutability of ${name}`, { mode: node.repository.imageTagMutability, filters: node.repository.imageTagMutabilityExclusionFilters }));
    if (!choice) return undefined;
    const filters = choice.imageTagMutabilityExclusionFilters ?? [];
    // Checked before the call: ECR would refuse the same, with a less helpful message.
    if (choice.imageTagMutability.endsWith('_WITH_EXCLUSION')) {
      const parsed = parseExclusionFilters(filters.map((f) => f.filter ?? '').join(','));
      if (typeof parsed === 'string') throw new Error(`Tag mutability of ${name} not changed: ${parsed}`);
    } else if (filters.length > 0) {
      throw new Error(`Tag mutability of ${name} not changed: exclusion filters need "Immutable except…" or "Mutable except…".`);
    }
    await (await apiOf(ctx, node)).setTagMutability(name, choice.imageTagMutability, filters);
    const words = mutabilityText(choice.imageTagMutability, filters);
    ctx.log.info(`${name}: tag mutability ${choice.imageTagMutability} (${words})`);
    ctx.model.refresh(node.parent);
    return words;
  },
});
