// Registry settings in the real workbench against the sandbox: the one "Registry Settings" row under
// a registry, pull-through cache rules, creation templates, scanning, and tag mutability with
// exclusion filters on a repository; failures show the denied action or the reason, before the call.
import * as assert from 'node:assert/strict';
import {
  CreatePullThroughCacheRuleCommand,
  CreateRepositoryCommand,
  CreateRepositoryCreationTemplateCommand,
  DeletePullThroughCacheRuleCommand,
  DeleteRepositoryCommand,
  DeleteRepositoryCreationTemplateCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRepositoriesCommand,
  DescribeRepositoryCreationTemplatesCommand,
  GetRegistryScanningConfigurationCommand,
  PutRegistryScanningConfigurationCommand,
  type RegistryScanningConfiguration,
} from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { answering, DEFAULT } from '../prompts';
import { requestCounts, resetRequestCounts, sdkClient, setFaults } from '../sandbox';
import { activateExtension } from '../helpers';
import { emit } from '../output';
import { assertNotificationShown, requireUi, screenshot, waitForElements } from '../ui';
import { EAST, find, refreshAll, rows } from './tree';

const ecr = () => sdkClient(0);
const CREDENTIAL = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:ecr-pullthroughcache/hub-AbCdEf';
const unique = (base: string) => `${base}${Date.now() % 1_000_000}`;

async function settingsRow(name: 'Pull-Through Cache Rules' | 'Creation Templates' | 'Scanning') {
  return find(EAST, 'Registry Settings', name);
}

async function ruleRows(): Promise<string[]> {
  return (await rows((await settingsRow('Pull-Through Cache Rules')).node)).map((r) => `${r.label} | ${r.description}`);
}

async function storedRules(): Promise<string[]> {
  return ((await ecr().send(new DescribePullThroughCacheRulesCommand({}))).pullThroughCacheRules ?? []).map((r) => `${r.ecrRepositoryPrefix} -> ${r.upstreamRegistryUrl}`);
}

async function storedTemplate(prefix: string) {
  return ((await ecr().send(new DescribeRepositoryCreationTemplatesCommand({ prefixes: [prefix] }))).repositoryCreationTemplates ?? [])[0];
}

async function repository(name: string) {
  return ((await ecr().send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories ?? [])[0];
}

describe('Explorer registry settings', function () {
  this.timeout(60_000);
  let savedScanning: RegistryScanningConfiguration | undefined;
  before(async () => {
    await refreshAll();
    savedScanning = (await ecr().send(new GetRegistryScanningConfigurationCommand({}))).scanningConfiguration;
  });
  afterEach(async () => {
    await setFaults('reset');
    await ecr().send(new PutRegistryScanningConfigurationCommand({ scanType: savedScanning?.scanType ?? 'BASIC', rules: savedScanning?.rules ?? [] }));
  });

  it('one collapsed "Registry Settings" row holds replication, the cache rules, the templates and the scanning row', async () => {
    const settings = await find(EAST, 'Registry Settings');
    assert.equal(settings.contextValue, 'registrySettings');
    const children = await rows(settings.node);
    assert.deepEqual(children.map((r) => r.label), ['Replication', 'Pull-Through Cache Rules', 'Creation Templates', 'Scanning']);
    assert.deepEqual(children.map((r) => r.contextValue), ['replication', 'pullThroughCacheRules', 'creationTemplates', 'scanningConfiguration']);
    assert.match(children[3].description, /^(Basic|Enhanced)/);
  });

  it('shows the settings rows on screen, under the registry and above its repositories', async function () {
    requireUi(this);
    const prefix = unique('screen-');
    await ecr().send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: prefix, upstreamRegistryUrl: 'public.ecr.aws' }));
    try {
      const { explorerView } = (await activateExtension()).testing;
      await vscode.commands.executeCommand('workbench.view.extension.ecr');
      const expected = ['Registry Settings', 'Pull-Through Cache Rules', `${prefix} → public.ecr.aws`, 'Creation Templates', 'Scanning', 'clean-app'];
      let shown: Awaited<ReturnType<typeof waitForElements>> = [];
      // A reveal made while registries redraw as they connect can be dropped by VS Code: reveal again.
      for (let attempt = 0; attempt < 3 && !expected.every((label) => shown.some((e) => e.visible && e.text.includes(label))); attempt++) {
        await explorerView.reveal((await find(EAST, 'Registry Settings', 'Pull-Through Cache Rules', `${prefix} → public.ecr.aws`)).node, { expand: true, select: true, focus: true });
        shown = await waitForElements('.pane-body .monaco-list-row', (els) => expected.every((label) => els.some((e) => e.visible && e.text.includes(label))), 5_000);
      }
      const visible = shown.filter((r) => r.visible).map((r) => r.text);
      for (const label of expected) assert.ok(visible.some((text) => text.includes(label)), `"${label}" is not on screen; rows: ${visible.join(' | ')}`);
      const at = (label: string) => visible.findIndex((text) => text.includes(label));
      assert.ok(at(EAST) < at('Registry Settings') && at('Registry Settings') < at(prefix) && at('Scanning') < at('clean-app'), visible.join(' | '));
      assert.match(visible[at('Scanning')], /Scanning\s*(Basic|Enhanced)/);
      emit(`screenshot: ${await screenshot('registry-settings')}`);
    } finally {
      await ecr().send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: prefix }));
    }
  });

  it('creates a pull-through cache rule from its row, changes its credential, validates it, and deletes it after asking', async () => {
    const prefix = unique('hub-');
    const group = await settingsRow('Pull-Through Cache Rules');
    await answering([prefix, 'registry-1.docker.io', CREDENTIAL], () => vscode.commands.executeCommand('ecr.createPullThroughCacheRule', group.node));
    assert.ok((await storedRules()).includes(`${prefix} -> registry-1.docker.io`), 'ECR has the rule');
    assert.ok((await ruleRows()).includes(`${prefix} → registry-1.docker.io | docker-hub`), (await ruleRows()).join('\n'));

    const row = await find(EAST, 'Registry Settings', 'Pull-Through Cache Rules', `${prefix} → registry-1.docker.io`);
    assert.match(row.tooltip, /Credential: arn:aws:secretsmanager:.*ecr-pullthroughcache\/hub-AbCdEf/);
    const newer = `${CREDENTIAL}-2`;
    await answering([newer], () => vscode.commands.executeCommand('ecr.editPullThroughCacheRule', row.node));
    const [stored] = (await ecr().send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: [prefix] }))).pullThroughCacheRules ?? [];
    assert.equal(stored?.credentialArn, newer);
    const validated = await vscode.commands.executeCommand<{ isValid: boolean }>('ecr.validatePullThroughCacheRule', row.node);
    assert.equal(validated?.isValid, true);
    await assertNotificationShown(`Pull-through cache rule ${prefix}: ECR can reach registry-1.docker.io`);

    await answering([false], () => vscode.commands.executeCommand('ecr.deletePullThroughCacheRule', row.node));
    assert.ok((await storedRules()).includes(`${prefix} -> registry-1.docker.io`), 'declined: the rule stays');
    const asked = await answering([true], () => vscode.commands.executeCommand('ecr.deletePullThroughCacheRule', row.node));
    assert.match(asked[0], new RegExp(`Delete the pull-through cache rule "${prefix}" → registry-1.docker.io`));
    assert.ok(!(await storedRules()).includes(`${prefix} -> registry-1.docker.io`), 'deleted in ECR');
    assert.ok(!(await ruleRows()).some((r) => r.startsWith(prefix)), 'gone from the tree');
  });

  it('refuses a pull-through cache rule ECR would refuse before the call, with the reason', async () => {
    const group = await settingsRow('Pull-Through Cache Rules');
    await resetRequestCounts();
    for (const [spec, reason] of [
      [{ ecrRepositoryPrefix: 'x', upstreamRegistryUrl: 'public.ecr.aws' }, 'The prefix must be 2-30 characters long'],
      [{ ecrRepositoryPrefix: 'Docker_Hub', upstreamRegistryUrl: 'public.ecr.aws' }, '"Docker_Hub" is not a repository name prefix'],
      [{ ecrRepositoryPrefix: 'mirror', upstreamRegistryUrl: 'docker.io' }, '"docker.io" is not an upstream registry ECR can cache from'],
      [{ ecrRepositoryPrefix: 'hub', upstreamRegistryUrl: 'registry-1.docker.io' }, 'Docker Hub needs the ARN of a Secrets Manager secret'],
    ] as const) {
      assert.equal(await vscode.commands.executeCommand('ecr.createPullThroughCacheRule', group.node, spec), undefined);
      await assertNotificationShown(reason);
    }
    assert.equal((await requestCounts()).CreatePullThroughCacheRule ?? 0, 0, 'ECR was not called');
  });

  it('creates a creation template, shows it, edits it and deletes it after asking', async () => {
    const prefix = unique('tmpl-');
    const group = await settingsRow('Creation Templates');
    await answering([prefix, 'Team images', 'pull-through cache, create on push', 'Immutable except…', 'dev-*, latest', 'KMS', ''], () =>
      vscode.commands.executeCommand('ecr.createCreationTemplate', group.node),
    );
    const stored = await storedTemplate(prefix);
    assert.equal(stored?.description, 'Team images');
    assert.deepEqual(stored?.appliedFor, ['PULL_THROUGH_CACHE', 'CREATE_ON_PUSH']);
    assert.equal(stored?.imageTagMutability, 'IMMUTABLE_WITH_EXCLUSION');
    assert.deepEqual(stored?.imageTagMutabilityExclusionFilters?.map((f) => f.filter), ['dev-*', 'latest']);
    assert.equal(stored?.encryptionConfiguration?.encryptionType, 'KMS');

    const row = await find(EAST, 'Registry Settings', 'Creation Templates', prefix);
    assert.equal(row.description, 'pull-through cache, create on push · immutable except dev-*, latest');
    assert.match(row.tooltip, /Description: Team images/);

    await vscode.commands.executeCommand('ecr.editCreationTemplate', row.node, { description: 'Changed', imageTagMutability: 'MUTABLE' });
    const edited = await storedTemplate(prefix);
    assert.equal(edited?.description, 'Changed');
    assert.equal(edited?.imageTagMutability, 'MUTABLE');
    assert.equal(edited?.imageTagMutabilityExclusionFilters, undefined);
    assert.equal((await find(EAST, 'Registry Settings', 'Creation Templates', prefix)).description, 'pull-through cache, create on push · mutable');

    const asked = await answering([true], () => vscode.commands.executeCommand('ecr.deleteCreationTemplate', row.node));
    assert.match(asked[0], new RegExp(`Delete the creation template "${prefix}"`));
    assert.equal(await storedTemplate(prefix), undefined);
  });

  it('editing a template through its questions keeps what they do not ask: the KMS key, resource tags, the repository policy', async () => {
    const prefix = unique('keep-');
    const kmsKey = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const repositoryPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: ['ecr:BatchGetImage'] }] });
    await ecr().send(
      new CreateRepositoryCreationTemplateCommand({
        prefix,
        appliedFor: ['CREATE_ON_PUSH'],
        encryptionConfiguration: { encryptionType: 'KMS', kmsKey },
        resourceTags: [{ Key: 'team', Value: 'a' }],
        repositoryPolicy,
      }),
    );
    try {
      const row = await find(EAST, 'Registry Settings', 'Creation Templates', prefix);
      // Description, uses (as they are), mutability, encryption (still KMS), lifecycle (none).
      await answering(['Edited', DEFAULT, 'Mutable', 'KMS', ''], () => vscode.commands.executeCommand('ecr.editCreationTemplate', row.node));
      const edited = await storedTemplate(prefix);
      assert.equal(edited?.description, 'Edited');
      assert.deepEqual(edited?.encryptionConfiguration, { encryptionType: 'KMS', kmsKey });
      assert.deepEqual(edited?.resourceTags, [{ Key: 'team', Value: 'a' }]);
      assert.equal(edited?.repositoryPolicy, repositoryPolicy);
    } finally {
      await ecr().send(new DeleteRepositoryCreationTemplateCommand({ prefix }));
    }
  });

  it('refuses a creation template ECR would refuse before the call, with the reason', async () => {
    const group = await settingsRow('Creation Templates');
    await resetRequestCounts();
    const six = Array.from({ length: 6 }, (_, i) => ({ filter: `dev-${i}`, filterType: 'WILDCARD' }));
    for (const [spec, reason] of [
      [{ prefix: 'Team A', appliedFor: ['PULL_THROUGH_CACHE'] }, '"Team A" is not a repository name prefix'],
      [{ prefix: 'team-a', appliedFor: [] }, 'Name at least one use'],
      [{ prefix: 'team-a', appliedFor: ['PULL_THROUGH_CACHE'], imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: six }, 'at most 5 exclusion filters'],
      [{ prefix: 'team-a', appliedFor: ['PULL_THROUGH_CACHE'], lifecyclePolicy: '{"rules": []}' }, 'A lifecycle policy must be 100-30,720 characters long'],
    ] as const) {
      assert.equal(await vscode.commands.executeCommand('ecr.createCreationTemplate', group.node, spec), undefined);
      await assertNotificationShown(reason);
    }
    assert.equal((await requestCounts()).CreateRepositoryCreationTemplate ?? 0, 0, 'ECR was not called');
  });

  it('edits the scanning configuration; the Scanning row shows the type and its rules', async () => {
    const scanning = await settingsRow('Scanning');
    await answering(['Enhanced', 'prod-*', 'critical-*, team/*'], () => vscode.commands.executeCommand('ecr.editScanningConfiguration', scanning.node));
    const stored = (await ecr().send(new GetRegistryScanningConfigurationCommand({}))).scanningConfiguration;
    assert.equal(stored?.scanType, 'ENHANCED');
    assert.deepEqual(stored?.rules?.map((r) => `${r.scanFrequency}: ${r.repositoryFilters?.map((f) => f.filter).join(',')}`), ['SCAN_ON_PUSH: prod-*', 'CONTINUOUS_SCAN: critical-*,team/*']);
    const row = await settingsRow('Scanning');
    assert.equal(row.description, 'Enhanced · Scan on push: prod-* · Continuous: critical-*, team/*');
    assert.match(row.tooltip, /Scan type: ENHANCED/);

    await resetRequestCounts();
    assert.equal(await vscode.commands.executeCommand('ecr.editScanningConfiguration', row.node, { scanType: 'BASIC', rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }] }), undefined);
    await assertNotificationShown('continuous scanning needs enhanced scanning');
    assert.equal(await vscode.commands.executeCommand('ecr.editScanningConfiguration', row.node, { scanType: 'BASIC', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'Prod', filterType: 'WILDCARD' }] }] }), undefined);
    await assertNotificationShown('"Prod" is not a repository filter ECR accepts');
    assert.equal((await requestCounts()).PutRegistryScanningConfiguration ?? 0, 0, 'ECR was not called');
  });

  it('"Set Tag Mutability..." with exclusions shows on the repository row; the toggle still works', async () => {
    const name = unique('it/mutability-');
    await ecr().send(new CreateRepositoryCommand({ repositoryName: name }));
    try {
      await refreshAll();
      const row = await find(EAST, name);
      await answering(['Immutable except…', 'dev-*, latest'], () => vscode.commands.executeCommand('ecr.setTagMutability', row.node));
      const stored = await repository(name);
      assert.equal(stored?.imageTagMutability, 'IMMUTABLE_WITH_EXCLUSION');
      assert.deepEqual(stored?.imageTagMutabilityExclusionFilters, [{ filter: 'dev-*', filterType: 'WILDCARD' }, { filter: 'latest', filterType: 'WILDCARD' }]);
      const shown = await find(EAST, name);
      assert.equal(shown.description, 'immutable except dev-*, latest');
      assert.match(shown.tooltip, /Tag mutability: IMMUTABLE_WITH_EXCLUSION \(except dev-\*, latest\)/);
      assert.match(shown.contextValue, /^repository:immutable:/);

      await resetRequestCounts();
      assert.equal(await vscode.commands.executeCommand('ecr.setTagMutability', shown.node, { imageTagMutability: 'MUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [] }), undefined);
      await assertNotificationShown('Name at least one tag filter');
      assert.equal((await requestCounts()).PutImageTagMutability ?? 0, 0, 'ECR was not called');

      await vscode.commands.executeCommand('ecr.toggleTagImmutability', shown.node);
      assert.equal((await repository(name))?.imageTagMutability, 'MUTABLE');
      assert.equal((await repository(name))?.imageTagMutabilityExclusionFilters, undefined);
      const toggled = await find(EAST, name);
      assert.equal(toggled.description, '');
      await vscode.commands.executeCommand('ecr.toggleTagImmutability', toggled.node);
      assert.equal((await repository(name))?.imageTagMutability, 'IMMUTABLE');
      assert.equal((await find(EAST, name)).description, 'immutable');
    } finally {
      await ecr().send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
    }
  });

  it('shows the denied action when ECR refuses each registry settings call', async () => {
    const prefix = unique('deny-');
    const name = unique('it/deny-');
    await ecr().send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: prefix, upstreamRegistryUrl: 'registry-1.docker.io', credentialArn: CREDENTIAL }));
    await ecr().send(new CreateRepositoryCreationTemplateCommand({ prefix, appliedFor: ['REPLICATION'] }));
    await ecr().send(new CreateRepositoryCommand({ repositoryName: name }));
    await refreshAll();
    try {
      // Reads: the rows say which action was refused.
      for (const [action, where] of [
        ['ecr:DescribePullThroughCacheRules', 'Pull-Through Cache Rules'],
        ['ecr:DescribeRepositoryCreationTemplates', 'Creation Templates'],
      ] as const) {
        await setFaults({ denyActions: [action] });
        const children = await rows((await settingsRow(where)).node);
        assert.equal(children.length, 1);
        assert.ok(children[0].label.includes(action), children[0].label);
      }
      await setFaults({ denyActions: ['ecr:GetRegistryScanningConfiguration'] });
      const settings = await rows((await find(EAST, 'Registry Settings')).node);
      assert.ok(settings.some((r) => r.label.includes('ecr:GetRegistryScanningConfiguration')), settings.map((r) => r.label).join(' | '));
      await setFaults('reset');

      // Writes: the notification names the action.
      const rule = await find(EAST, 'Registry Settings', 'Pull-Through Cache Rules', `${prefix} → registry-1.docker.io`);
      const rules = await settingsRow('Pull-Through Cache Rules');
      const templates = await settingsRow('Creation Templates');
      const template = await find(EAST, 'Registry Settings', 'Creation Templates', prefix);
      const scanning = await settingsRow('Scanning');
      const repo = await find(EAST, name);
      const calls: [string, () => Thenable<unknown>][] = [
        ['ecr:CreatePullThroughCacheRule', () => vscode.commands.executeCommand('ecr.createPullThroughCacheRule', rules.node, { ecrRepositoryPrefix: unique('new-'), upstreamRegistryUrl: 'quay.io' })],
        ['ecr:UpdatePullThroughCacheRule', () => vscode.commands.executeCommand('ecr.editPullThroughCacheRule', rule.node, `${CREDENTIAL}-2`)],
        ['ecr:ValidatePullThroughCacheRule', () => vscode.commands.executeCommand('ecr.validatePullThroughCacheRule', rule.node)],
        ['ecr:DeletePullThroughCacheRule', () => answering([true], () => vscode.commands.executeCommand('ecr.deletePullThroughCacheRule', rule.node))],
        ['ecr:CreateRepositoryCreationTemplate', () => vscode.commands.executeCommand('ecr.createCreationTemplate', templates.node, { prefix: unique('new-'), appliedFor: ['REPLICATION'] })],
        ['ecr:UpdateRepositoryCreationTemplate', () => vscode.commands.executeCommand('ecr.editCreationTemplate', template.node, { description: 'denied' })],
        ['ecr:DeleteRepositoryCreationTemplate', () => answering([true], () => vscode.commands.executeCommand('ecr.deleteCreationTemplate', template.node))],
        ['ecr:PutRegistryScanningConfiguration', () => vscode.commands.executeCommand('ecr.editScanningConfiguration', scanning.node, { scanType: 'BASIC', rules: [] })],
        ['ecr:PutImageTagMutability', () => vscode.commands.executeCommand('ecr.setTagMutability', repo.node, { imageTagMutability: 'IMMUTABLE' })],
      ];
      for (const [action, call] of calls) {
        await setFaults({ denyActions: [action] });
        await call();
        await assertNotificationShown(action);
      }
      await setFaults('reset');
      assert.ok((await storedRules()).includes(`${prefix} -> registry-1.docker.io`), 'the denied delete left the rule');
      assert.ok(await storedTemplate(prefix), 'the denied delete left the template');
      assert.equal((await repository(name))?.imageTagMutability, 'MUTABLE');
    } finally {
      await setFaults('reset');
      await ecr().send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: prefix })).catch(() => undefined);
      await ecr().send(new DeleteRepositoryCreationTemplateCommand({ prefix })).catch(() => undefined);
      await ecr().send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
    }
  });
});
