// Shared steps of the registry settings commands: which registry's settings, its API, and the
// questions several of them ask (tag mutability with exclusion filters).
import { inputParsed } from '../ui/prompts';
import type { EcrApi, ImageTagMutability, ImageTagMutabilityExclusionFilter } from '../aws/ecrApi';
import type { EcrContext } from '../context';
import { parseExclusionFilters } from '../core/registrySettings';
import { registrySettingsNode, settingsGroupNode, type ExplorerNode, type RegistrySettingsNode, type SettingsGroupNode } from '../explorer/nodes';
import { apiOf, asNode, registryArg } from './nodeArgs';

/** The "Registry Settings" node of the clicked settings row, or of a registry (clicked or picked). */
export async function settingsArg(ctx: EcrContext, value: unknown): Promise<RegistrySettingsNode | undefined> {
  const clicked = value as ExplorerNode | undefined;
  switch (typeof clicked === 'object' && clicked !== null ? clicked.kind : undefined) {
    case 'registrySettings':
      return clicked as RegistrySettingsNode;
    case 'settingsGroup':
    case 'scanningConfiguration':
      return (clicked as { parent: RegistrySettingsNode }).parent;
    case 'pullThroughCacheRule':
    case 'creationTemplate':
      return (clicked as { parent: SettingsGroupNode }).parent.parent;
  }
  const registry = await registryArg(ctx, value);
  return registry && registrySettingsNode(registry);
}

/** The group row to refresh after a change (the clicked one, or the registry's). */
export async function groupArg(ctx: EcrContext, value: unknown, group: SettingsGroupNode['group']): Promise<SettingsGroupNode | undefined> {
  const clicked = asNode(value, 'settingsGroup');
  if (clicked?.group === group) return clicked;
  const settings = await settingsArg(ctx, value);
  return settings && settingsGroupNode(settings, group);
}

export function settingsApi(ctx: EcrContext, node: RegistrySettingsNode): Promise<EcrApi> {
  return apiOf(ctx, node.parent);
}

export interface MutabilityChoice {
  readonly imageTagMutability: ImageTagMutability;
  readonly imageTagMutabilityExclusionFilters?: ImageTagMutabilityExclusionFilter[];
}

const MODES: readonly { label: string; description: string; mode: ImageTagMutability }[] = [
  { label: 'Mutable', description: 'a push may move any tag', mode: 'MUTABLE' },
  { label: 'Immutable', description: 'a tag, once pushed, always names the same image', mode: 'IMMUTABLE' },
  { label: 'Immutable except…', description: 'tags are fixed, except those matching your filters (e.g. dev-*, latest)', mode: 'IMMUTABLE_WITH_EXCLUSION' },
  { label: 'Mutable except…', description: 'tags may move, except those matching your filters (e.g. release-*)', mode: 'MUTABLE_WITH_EXCLUSION' },
];

/** Asks for a mode and, for the *_WITH_EXCLUSION modes, its filters; undefined when the user cancels. */
export async function askMutability(ctx: EcrContext, title: string, current?: { mode?: string; filters?: readonly { filter?: string }[] }): Promise<MutabilityChoice | undefined> {
  const picked = await ctx.prompts.pick(
    MODES.map((m) => ({ ...m, description: m.mode === current?.mode ? `${m.description} (current)` : m.description })),
    { title, placeHolder: 'Tag mutability' },
  );
  if (!picked) return undefined;
  if (!picked.mode.endsWith('_WITH_EXCLUSION')) return { imageTagMutability: picked.mode };
  const filters = await inputParsed(
    ctx.prompts,
    {
      title: `${title}: exclusion filters`,
      prompt: `Tags ${picked.mode === 'IMMUTABLE_WITH_EXCLUSION' ? 'that stay mutable' : 'that become immutable'}, comma-separated, * as a wildcard (at most 5)`,
      value: (current?.filters ?? []).map((f) => f.filter).join(', '),
    },
    parseExclusionFilters,
  );
  if (filters === undefined) return undefined;
  return { imageTagMutability: picked.mode, imageTagMutabilityExclusionFilters: filters };
}
