import type { CommandFactory } from '.';
import type { CreationTemplateSpec } from '../aws/ecrApi';
import { askTemplate, checkTemplate } from './creationTemplateArgs';
import { groupArg, settingsApi } from './registrySettingsArgs';

/** `given` skips the questions (tests, keybindings); it is checked like typed answers. */
export const createCreationTemplate: CommandFactory = (ctx) => ({
  id: 'ecr.createCreationTemplate',
  run: async (arg, given?: unknown) => {
    const group = await groupArg(ctx, arg, 'creationTemplates');
    if (!group) return undefined;
    const spec = (given as CreationTemplateSpec | undefined) ?? (await askTemplate(ctx));
    if (!spec) return undefined;
    checkTemplate(spec, `Creation template ${spec.prefix} not created`);
    await (await settingsApi(ctx, group.parent)).createCreationTemplate(spec);
    ctx.log.info(`${group.parent.parent.registry.source.label}: creation template ${spec.prefix} created`);
    ctx.model.refresh(group);
    return spec.prefix;
  },
});
