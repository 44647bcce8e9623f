import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { hidden, setHidden } from '../ui/hiddenRegistries';
import { registryRowArg } from './nodeArgs';

export const hideRegistryProfile: CommandFactory = (ctx) => ({
  id: 'ecr.hideRegistryProfile',
  run: async (arg) => {
    const entry = await registryRowArg(ctx, arg, 'Hide the profile of registry', (e) => e.source.profile !== undefined);
    if (!entry) return undefined;
    const profile = entry.source.profile;
    if (!profile) {
      void vscode.window.showInformationMessage(`${entry.source.label} uses no AWS profile; hide its region instead, or remove it from ecr.registries.`);
      return undefined;
    }
    await setHidden('Profiles', [...hidden('Profiles'), profile]);
    ctx.log.info(`The ECR view hides profile ${profile} (ecr.explorer.hiddenProfiles)`);
    return profile;
  },
});
