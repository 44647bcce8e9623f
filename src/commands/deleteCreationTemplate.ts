import type { CommandFactory } from '.';
import { asNode } from './nodeArgs';
import { settingsApi } from './registrySettingsArgs';

export const deleteCreationTemplate: CommandFactory = (ctx) => ({
  id: 'ecr.deleteCreationTemplate',
  run: async (arg) => {
    const node = asNode(arg, 'creationTemplate');
    if (!node) return undefined;
    const prefix = node.template.prefix ?? '';
    const confirmed = await ctx.prompts.confirm(
      `Delete the creation template "${prefix}"?`,
      'Delete',
      'Repositories already created keep their settings; new ones ECR creates under this prefix get the defaults (or the ROOT template).',
    );
    if (!confirmed) return undefined;
    await (await settingsApi(ctx, node.parent.parent)).deleteCreationTemplate(prefix);
    ctx.log.info(`Deleted creation template ${prefix}`);
    ctx.model.refresh(node.parent);
    return prefix;
  },
});
