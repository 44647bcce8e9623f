// imageTagMutability with its exclusion filters, as PutImageTagMutability, CreateRepository and the
// creation templates take them: 1-5 WILDCARD filters of 1-128 characters [0-9a-zA-Z._*-], given
// with the *_WITH_EXCLUSION modes only.
import { invalidParameter } from '../ecrError';
import { TAG_MUTABILITIES, type TagMutability, type WildcardFilter } from '../registrySettings';
import { optionalEnum, type Input } from './params';
import { enumValue, list, struct, text } from './shapes';

export const EXCLUSION_FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;
export const EXCLUSION_FILTERS_MAX = 5;

export interface MutabilitySetting {
  readonly imageTagMutability: TagMutability;
  readonly imageTagMutabilityExclusionFilters?: readonly WildcardFilter[];
}

/** The mode and filters of `input`, or undefined when it names no mode (`required`: refuse that). */
export function parseMutability(input: Input, required: boolean): MutabilitySetting | undefined {
  const mode = optionalEnum(input.imageTagMutability, 'imageTagMutability', TAG_MUTABILITIES);
  const field = 'imageTagMutabilityExclusionFilters';
  const raw = input[field];
  const filters = raw === undefined || raw === null
    ? undefined
    : list(raw, field, 1, EXCLUSION_FILTERS_MAX, false).map((f, i): WildcardFilter => {
        const at = `${field}.${i + 1}.member`;
        const filter = struct(f, at);
        enumValue(filter.filterType, `${at}.filterType`, ['WILDCARD'] as const, true);
        return { filter: text(filter.filter, `${at}.filter`, EXCLUSION_FILTER, 1, 128), filterType: 'WILDCARD' };
      });
  if (!mode) {
    if (required) throw invalidParameter("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must not be null'");
    if (filters) throw invalidParameter(`Invalid parameter at '${field}' failed to satisfy constraint: 'Exclusion filters need imageTagMutability IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'`);
    return undefined;
  }
  const withExclusion = mode.endsWith('_WITH_EXCLUSION');
  if (withExclusion && !filters) {
    throw invalidParameter(`Invalid parameter at '${field}' failed to satisfy constraint: 'At least one exclusion filter is required when imageTagMutability is ${mode}'`);
  }
  if (!withExclusion && filters) {
    throw invalidParameter(`Invalid parameter at '${field}' failed to satisfy constraint: 'Exclusion filters are allowed only when imageTagMutability is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'`);
  }
  return withExclusion ? { imageTagMutability: mode, imageTagMutabilityExclusionFilters: filters } : { imageTagMutability: mode };
}
