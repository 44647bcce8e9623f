import type { CommandFactory } from '.';
import type { CreationTemplateSpec } from '../aws/ecrApi';
import { askTemplate, checkTemplate } from './creationTemplateArgs';
import { asNode } from './nodeArgs';
import { settingsApi } from './registrySettingsArgs';

/** Edits a template's settings (its prefix stays); `given` skips the questions. */
export const editCreationTemplate: CommandFactory = (ctx) => ({
  id: 'ecr.editCreationTemplate',
  run: async (arg, given?: unknown) => {
    const node = asNode(arg, 'creationTemplate');
    if (!node) return undefined;
    const t = node.template;
    const current: CreationTemplateSpec = { ...t, prefix: t.prefix ?? '', appliedFor: t.appliedFor ?? [] };
    const answered = (given as Partial<CreationTemplateSpec> | undefined) ?? (await askTemplate(ctx, current));
    if (!answered) return undefined;
    const spec: CreationTemplateSpec = { ...current, ...answered, prefix: current.prefix };
    // A plain mode has no exclusions: the old ones must not ride along.
    if (answered.imageTagMutability && !answered.imageTagMutability.endsWith('_WITH_EXCLUSION')) spec.imageTagMutabilityExclusionFilters = undefined;
    checkTemplate(spec, `Creation template ${spec.prefix} not changed`);
    const { createdAt: _created, updatedAt: _updated, ...input } = spec as CreationTemplateSpec & { createdAt?: Date; updatedAt?: Date };
    await (await settingsApi(ctx, node.parent.parent)).updateCreationTemplate(input);
    ctx.log.info(`Creation template ${spec.prefix} updated`);
    ctx.model.refresh(node.parent);
    return spec.prefix;
  },
});
