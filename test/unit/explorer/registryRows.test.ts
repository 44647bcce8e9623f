import * as assert from 'node:assert/strict';
import type { RegistrySource } from '../../../src/aws/discovery';
import type { RegistryEntry } from '../../../src/explorer/nodes';
import { registryRows, transientRegistryMemory, type RegistryMemory } from '../../../src/explorer/registryRows';

const source = (profile: string, region: string, extra: Partial<RegistrySource> = {}): RegistrySource => ({
  id: `profile:${profile}|${region}|`,
  label: `${profile} (${region})`,
  profile,
  region,
  origin: 'profile',
  ...extra,
});
const connected = (s: RegistrySource, accountId: string): RegistryEntry => ({ source: s, info: { accountId, host: `${accountId}.dkr.ecr.${s.region}.amazonaws.com`, region: s.region } as RegistryEntry['info'] });
const connecting = (s: RegistrySource): RegistryEntry => ({ source: s, connecting: true });
const shown = (rows: RegistryEntry[]) => rows.map((r) => [r.source.label, (r.sharedWith ?? []).map((s) => s.label)]);

describe('explorer/registryRows', () => {
  let memory: RegistryMemory;
  beforeEach(() => (memory = transientRegistryMemory()));

  it('shows profiles that reach one account and region as one row, in the place of the first', () => {
    const rows = registryRows(
      [connected(source('a', 'us-east-1'), '111111111111'), connected(source('b', 'us-east-1'), '222222222222'), connected(source('c', 'us-east-1'), '111111111111'), connected(source('a', 'eu-west-1'), '111111111111')],
      {},
      memory,
    );
    assert.deepEqual(shown(rows), [
      ['a (us-east-1)', ['c (us-east-1)']],
      ['b (us-east-1)', []],
      ['a (eu-west-1)', []],
    ]);
  });

  it('90 registries (30 profiles of one account x 3 regions) are 3 rows', () => {
    const entries = ['us-east-1', 'eu-west-1', 'ap-south-1'].flatMap((region) => Array.from({ length: 30 }, (_, i) => connected(source(`p${i}`, region), '111111111111')));
    const rows = registryRows(entries, {}, memory);
    assert.deepEqual(rows.map((r) => [r.source.label, r.sharedWith?.length]), [
      ['p0 (us-east-1)', 29],
      ['p0 (eu-west-1)', 29],
      ['p0 (ap-south-1)', 29],
    ]);
  });

  it('groups before any call from the account a profile names or the one remembered from last time', () => {
    memory.rememberAccount(source('c', 'us-east-1').id, '111111111111');
    const rows = registryRows(
      [connecting(source('a', 'us-east-1', { accountHint: '111111111111' })), connecting(source('b', 'us-east-1')), connecting(source('c', 'us-east-1'))],
      {},
      memory,
    );
    assert.deepEqual(shown(rows), [
      ['a (us-east-1)', ['c (us-east-1)']],
      ['b (us-east-1)', []],
    ]);
  });

  it('shows the group through the profile the user picked, else the first that did not fail', () => {
    const a = connected(source('a', 'us-east-1'), '111111111111');
    const failed: RegistryEntry = { source: source('b', 'us-east-1', { accountHint: '111111111111' }), problem: { kind: 'expiredCredentials', message: 'expired' } };
    const c = connected(source('c', 'us-east-1'), '111111111111');
    assert.deepEqual(shown(registryRows([failed, a, c], {}, memory)), [['a (us-east-1)', ['b (us-east-1)', 'c (us-east-1)']]]);
    memory.prefer('111111111111|us-east-1|', c.source.id);
    assert.deepEqual(shown(registryRows([failed, a, c], {}, memory)), [['c (us-east-1)', ['b (us-east-1)', 'a (us-east-1)']]]);
  });

  it('never merges registries listed in ecr.registries, or ones on another endpoint', () => {
    const setting = connected(source('a', 'us-east-1', { origin: 'setting', id: 'setting' }), '111111111111');
    const local = connected(source('b', 'us-east-1', { endpoint: 'http://127.0.0.1:4566' }), '111111111111');
    const plain = connected(source('c', 'us-east-1'), '111111111111');
    assert.deepEqual(shown(registryRows([setting, local, plain], {}, memory)).map(([label]) => label), ['a (us-east-1)', 'b (us-east-1)', 'c (us-east-1)']);
  });

  it('leaves out hidden regions and profiles', () => {
    const entries = [connected(source('a', 'us-east-1'), '1'), connected(source('a', 'eu-west-1'), '1'), connected(source('b', 'us-east-1'), '2')];
    assert.deepEqual(shown(registryRows(entries, { hiddenRegions: ['eu-west-1'], hiddenProfiles: ['b'] }, memory)), [['a (us-east-1)', []]]);
  });
});
