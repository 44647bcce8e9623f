// "Create a Cleanup Rule": adds a rule to the repository's lifecycle policy draft (the editor tab
// of the policy, left unsaved) and previews the draft at once: which images would go, and how much
// space and cost that frees. Saving the draft is the user's step (and asks again when it expires images).
import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import type { EcrContext } from '../context';
import { addCleanupRule, checkCount, checkTagPrefix, describeRule, type CleanupRule } from '../core/cleanupRules';
import { previewSavings } from '../core/storage';
import { formatBytes } from '../explorer/format';
import { lifecycleUri } from '../explorer/lifecycleFs';
import { previewMarkdown } from '../explorer/lifecyclePreviewMarkdown';
import { repositoryNode, type RepositoryNode } from '../explorer/nodes';
import { readConfig } from '../ui/config';
import { withProgress } from '../ui/progress';
import { apiOf, asNode, repositoryArg } from './nodeArgs';

export const createCleanupRule: CommandFactory = (ctx) => ({
  id: 'ecr.createCleanupRule',
  run: async (arg) => {
    const node = await targetRepository(ctx, arg);
    if (!node) return undefined;
    const rule = await askRule(ctx);
    if (!rule) return undefined;
    const name = node.repository.repositoryName ?? '';
    const api = await apiOf(ctx, node);

    // The draft: unsaved edits in the open policy tab, else the policy in ECR (none: an empty policy).
    const uri = lifecycleUri(node.parent.registry, name);
    const document = await vscode.workspace.openTextDocument(uri);
    const base = document.isDirty ? document.getText() : await api.getLifecyclePolicy(name);
    const draft = addCleanupRule(base, rule);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), draft);
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(document);

    const preview = await withProgress(`Previewing the lifecycle policy draft of ${name}`, () =>
      api.previewLifecyclePolicy(name, JSON.stringify(JSON.parse(draft))),
    );
    const images = await ctx.model.images(node.parent.registry, name);
    const sizes = new Map((images.items ?? []).map((image) => [image.imageDigest ?? '', image.imageSizeInBytes ?? 0]));
    const { storage } = readConfig();
    const savings = previewSavings(preview.previewResults, sizes, { standardPerGbMonth: storage.standardPerGbMonth, archivePerGbMonth: storage.archivePerGbMonth });
    const markdown = previewMarkdown(name, preview, savings);
    const previewUri = await ctx.documents.openMarkdown(`${name} cleanup rule preview`, markdown);
    ctx.log.info(`${describeRule(rule)} added to the lifecycle policy draft of ${name}: ${preview.previewResults.length} image(s) affected, ${formatBytes(savings.expiring.bytes + savings.archiving.bytes)}`);
    return { draft: uri.toString(), preview: previewUri.toString() };
  },
});

/** A repository row; from a registry or the palette, the last report's repositories, most reclaimable first. */
async function targetRepository(ctx: EcrContext, arg: unknown): Promise<RepositoryNode | undefined> {
  const repository = asNode(arg, 'repository');
  if (repository) return repository;
  const registry = asNode(arg, 'registry');
  const report = registry ? ctx.storageReports.lastOf(registry.registry) : undefined;
  if (!registry || !report) return repositoryArg(ctx, arg);
  const listing = await ctx.model.repositories(registry.registry);
  const byName = new Map((listing.items ?? []).map((r) => [r.repositoryName ?? '', r]));
  const rows = [...report.storage.repositories].sort((a, b) => b.reclaimable.bytes - a.reclaimable.bytes);
  const picked = await ctx.prompts.pick(
    rows.filter((r) => byName.has(r.name)).map((r) => ({ label: r.name, description: `${formatBytes(r.reclaimable.bytes)} reclaimable`, name: r.name })),
    { placeHolder: 'Repository (most reclaimable first)' },
  );
  const chosen = picked && byName.get(picked.name);
  return chosen && repositoryNode(registry, chosen);
}

async function askRule(ctx: EcrContext): Promise<CleanupRule | undefined> {
  const kind = await ctx.prompts.pick(
    [
      { label: 'Expire untagged images', rule: 'expireUntagged' as const },
      { label: 'Keep the last N images of a tag prefix', rule: 'keepLast' as const },
      { label: 'Expire images not pulled for N days', rule: 'expireNotPulled' as const },
      { label: 'Archive images not pulled for N days', rule: 'archiveNotPulled' as const },
    ],
    { title: 'Create a Cleanup Rule' },
  );
  if (!kind) return undefined;
  const number = async (title: string, prompt: string, value: string, what: string): Promise<number | undefined> => {
    const text = await ctx.prompts.input({ title, prompt, value, validateInput: (v) => checkCount(v, what) });
    return text === undefined ? undefined : Number(text.trim());
  };
  if (kind.rule === 'keepLast') {
    const prefix = await ctx.prompts.input({ title: 'Cleanup rule: tag prefix', prompt: 'Images with a tag starting with…', value: 'release-', validateInput: checkTagPrefix });
    if (prefix === undefined) return undefined;
    const count = await number('Cleanup rule: images to keep', 'Keep this many of the newest images with that prefix', '10', 'how many images to keep');
    return count === undefined ? undefined : { kind: 'keepLast', prefix: prefix.trim(), count };
  }
  if (kind.rule === 'expireUntagged') {
    const days = await number('Cleanup rule: days', 'Expire untagged images pushed more than this many days ago', '14', 'the number of days');
    return days === undefined ? undefined : { kind: 'expireUntagged', days };
  }
  const action = kind.rule === 'archiveNotPulled' ? 'archive' : 'expire';
  const days = await number('Cleanup rule: days', `${action === 'archive' ? 'Archive' : 'Expire'} images not pulled (or, never pulled, not pushed) for this many days`, String(readConfig().storage.unpulledDays), 'the number of days');
  return days === undefined ? undefined : { kind: 'notPulled', days, action };
}
