import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverRegistries, type RegistrySource } from '../../../src/aws/discovery';

const CONFIG = `
[default]
region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Developer
region = eu-west-1

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-west-2

[profile deploy]
role_arn = arn:aws:iam::222222222222:role/deploy
source_profile = default
region = eu-west-1

[profile noregion]
credential_process = /bin/false

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[services local-ecr]
ecr =
  endpoint_url = http://127.0.0.1:1
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIAEXAMPLEDEFAULT00
aws_secret_access_key = not-a-real-secret

[ci]
aws_access_key_id = AKIAEXAMPLECI0000000
aws_secret_access_key = not-a-real-secret
region = ap-southeast-2
`;

describe('aws/discovery', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecr-discovery-'));
    writeFileSync(join(dir, 'config'), CONFIG);
    writeFileSync(join(dir, 'credentials'), CREDENTIALS);
    env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const byId = (sources: RegistrySource[]) => new Map(sources.map((s) => [s.id, s]));

  it('lists every profile of both files with its own region, and not sso-session or services sections', async () => {
    const sources = await discoverRegistries({ env });
    assert.deepEqual(
      sources.map((s) => [s.profile, s.region, s.origin]),
      [
        ['default', 'us-east-1', 'profile'],
        ['dev', 'eu-west-1', 'profile'],
        ['legacy-sso', 'us-west-2', 'profile'],
        ['deploy', 'eu-west-1', 'profile'],
        ['noregion', '', 'profile'],
        ['ci', 'ap-southeast-2', 'profile'],
      ],
    );
  });

  it('marks SSO profiles (sso_session and legacy sso_start_url), not role or static ones', async () => {
    const sso = new Map((await discoverRegistries({ env })).map((s) => [s.profile, s.ssoProfile]));
    assert.equal(sso.get('dev'), true);
    assert.equal(sso.get('legacy-sso'), true);
    assert.equal(sso.get('deploy'), false);
    assert.equal(sso.get('default'), false);
  });

  it('knows the account a profile names (sso_account_id, role_arn) before any call, and none for others', async () => {
    const hints = new Map((await discoverRegistries({ env })).map((s) => [s.profile, s.accountHint]));
    assert.equal(hints.get('dev'), '111111111111');
    assert.equal(hints.get('legacy-sso'), '111111111111');
    assert.equal(hints.get('deploy'), '222222222222');
    assert.equal(hints.get('default'), undefined);
    assert.equal(hints.get('ci'), undefined);
  });

  it('lists a profile without region once, with a problem that says how to fix it', async () => {
    const noRegion = (await discoverRegistries({ env })).filter((s) => s.profile === 'noregion');
    assert.equal(noRegion.length, 1);
    assert.equal(noRegion[0].problem, 'Profile "noregion" has no region; set region in ~/.aws/config or ecr.regions.');
  });

  it('crosses each profile with its own region and the extra regions, without duplicates', async () => {
    const sources = await discoverRegistries({ env, extraRegions: ['eu-west-1', 'us-east-2', ' us-east-2 '] });
    const regions = (profile: string) => sources.filter((s) => s.profile === profile).map((s) => s.region);
    assert.deepEqual(regions('default'), ['us-east-1', 'eu-west-1', 'us-east-2']);
    assert.deepEqual(regions('dev'), ['eu-west-1', 'us-east-2']);
    assert.deepEqual(regions('noregion'), ['eu-west-1', 'us-east-2']);
    assert.ok(sources.every((s) => !s.problem));
    assert.equal(new Set(sources.map((s) => s.id)).size, sources.length);
  });

  it('adds an environment source when AWS_ACCESS_KEY_ID is set, in AWS_REGION or else AWS_DEFAULT_REGION', async () => {
    let sources = await discoverRegistries({ env: { ...env, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEENV000000', AWS_DEFAULT_REGION: 'sa-east-1' } });
    let envSources = sources.filter((s) => s.origin === 'environment');
    assert.deepEqual(envSources.map((s) => [s.region, s.profile, s.label]), [['sa-east-1', undefined, 'Environment credentials (sa-east-1)']]);
    sources = await discoverRegistries({ env: { ...env, AWS_ACCESS_KEY_ID: 'x', AWS_REGION: 'eu-north-1', AWS_DEFAULT_REGION: 'sa-east-1' } });
    envSources = sources.filter((s) => s.origin === 'environment');
    assert.deepEqual(envSources.map((s) => s.region), ['eu-north-1']);
    assert.equal((await discoverRegistries({ env })).filter((s) => s.origin === 'environment').length, 0);
  });

  it('says so when environment credentials have no region', async () => {
    const [source] = (await discoverRegistries({ env: { ...env, AWS_ACCESS_KEY_ID: 'x' } })).filter((s) => s.origin === 'environment');
    assert.match(source.problem ?? '', /AWS_REGION/);
  });

  it('lists settings first, keeps their label and endpoint, and drops profile entries they duplicate', async () => {
    const sources = await discoverRegistries({
      env,
      registries: [
        { profile: 'dev', region: 'eu-west-1', label: 'Dev registry' },
        { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566/', label: 'Local' },
        { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' },
        { profile: 'dev', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' },
      ],
    });
    assert.deepEqual(sources.slice(0, 3).map((s) => [s.label, s.origin, s.profile, s.endpoint]), [
      ['Dev registry', 'setting', 'dev', undefined],
      ['Local', 'setting', undefined, 'http://127.0.0.1:4566/'],
      ['dev (eu-west-1) at 127.0.0.1:4566', 'setting', 'dev', 'http://127.0.0.1:4566'],
    ]);
    assert.equal(sources.filter((s) => s.profile === 'dev' && s.region === 'eu-west-1' && !s.endpoint).length, 1);
    assert.equal(byId(sources).get(sources[0].id)?.ssoProfile, true, 'a setting naming an SSO profile is an SSO source');
  });

  it('gives the same id to the same source on every call (stable tree keys)', async () => {
    const first = (await discoverRegistries({ env })).map((s) => s.id);
    const second = (await discoverRegistries({ env })).map((s) => s.id);
    assert.deepEqual(first, second);
  });

  it('sees edits to the config file on the next discovery (no stale SDK file cache)', async () => {
    assert.equal((await discoverRegistries({ env })).find((s) => s.profile === 'noregion')?.region, '');
    writeFileSync(join(dir, 'config'), CONFIG.replace('credential_process = /bin/false', 'credential_process = /bin/false\nregion = ca-central-1'));
    assert.equal((await discoverRegistries({ env })).find((s) => s.profile === 'noregion')?.region, 'ca-central-1');
  });

  it('returns nothing, without failing, when there are no files and no environment credentials', async () => {
    const sources = await discoverRegistries({ env: { AWS_CONFIG_FILE: join(dir, 'missing'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing2') } });
    assert.deepEqual(sources, []);
  });
});
