import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { hidden, setHidden, type HiddenKind } from '../ui/hiddenRegistries';

type Choice = vscode.QuickPickItem & { readonly list?: HiddenKind; readonly value?: string };

/** Shows a hidden region or profile again (or all of them). */
export const showHiddenRegistries: CommandFactory = (ctx) => ({
  id: 'ecr.showHiddenRegistries',
  run: async () => {
    const choices: Choice[] = [
      ...hidden('Regions').map((value): Choice => ({ label: value, description: 'region', list: 'Regions', value })),
      ...hidden('Profiles').map((value): Choice => ({ label: value, description: 'profile', list: 'Profiles', value })),
    ];
    if (choices.length === 0) {
      void vscode.window.showInformationMessage('The ECR view hides no region or profile.');
      return undefined;
    }
    const all: Choice = { label: 'Show all', description: `${choices.length} hidden` };
    const picked = await ctx.prompts.pick(choices.length > 1 ? [...choices, all] : choices, { placeHolder: 'Show again in the ECR view' });
    if (!picked) return undefined;
    for (const kind of ['Regions', 'Profiles'] as const) {
      if (picked === all || picked.list === kind) await setHidden(kind, picked === all ? [] : hidden(kind).filter((v) => v !== picked.value));
    }
    return picked === all ? choices.map((c) => c.value) : [picked.value];
  },
});
