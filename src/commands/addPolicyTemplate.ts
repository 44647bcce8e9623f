import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { repositoryPolicyUri, showPolicyDocument } from '../explorer/policyFs';
import { INPUT_PROMPTS, POLICY_TEMPLATES, addStatement, type TemplateInput } from '../policy/templates';
import { repositoryArg } from './nodeArgs';
import { errorMessage } from '../core/errors';

/**
 * Adds a ready-made statement to the repository's policy in its editor (unsaved: the user reviews
 * and saves). The registry's account and region are filled in; only what is missing is asked.
 */
export const addPolicyTemplate: CommandFactory = (ctx) => ({
  id: 'ecr.addPolicyTemplate',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const registry = node.parent.registry;
    const picked = await ctx.prompts.pick(
      POLICY_TEMPLATES.map((template) => ({ label: template.label, detail: template.detail, template })),
      { placeHolder: `Add to the policy of ${node.repository.repositoryName ?? ''}` },
    );
    if (!picked) return undefined;
    const values: Record<TemplateInput, string> = { accountId: '', roleArn: '', orgId: '' };
    for (const need of picked.template.needs) {
      const question = INPUT_PROMPTS[need];
      const answer = await ctx.prompts.input({ prompt: question.prompt, placeHolder: question.placeholder, validateInput: (v) => question.check(v.trim()), ignoreFocusOut: true });
      if (answer === undefined) return undefined;
      values[need] = answer.trim();
    }
    const statement = picked.template.statement(values, {
      accountId: registry.info?.accountId ?? node.repository.registryId ?? '',
      region: registry.source.region,
    });
    const uri = repositoryPolicyUri(registry, node.repository.repositoryName ?? '');
    const editor = await showPolicyDocument(uri);
    const current = editor.document.getText();
    let text: string;
    try {
      text = addStatement(current, statement);
    } catch (error) {
      throw new Error(`The policy in the editor is not valid JSON (${errorMessage(error)}): fix it, then add the template again.`);
    }
    const whole = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(current.length));
    await editor.edit((edit) => edit.replace(whole, text));
    return text;
  },
});
