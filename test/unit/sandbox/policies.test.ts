// Repository and registry policies in the emulator, through the unmodified SDK: ECR's shapes,
// validation (JSON, Statement/Effect/Principal/Action, size, lockout without force) and errors.
import * as assert from 'node:assert/strict';
import {
  DeleteRegistryPolicyCommand,
  DeleteRepositoryPolicyCommand,
  ECRClient,
  GetRegistryPolicyCommand,
  GetRepositoryPolicyCommand,
  PutRegistryPolicyCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

const policy = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const pull = policy({ Sid: 'pull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: ['ecr:BatchGetImage'] });

describe('sandbox repository and registry policies', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let ecr: ECRClient;
  before(() => {
    ecr = ecrClient(sandbox());
  });
  afterEach(() => sandbox().resetFaults());

  it('SetRepositoryPolicy refuses what IAM would: bad JSON, no Statement, no Effect, no Principal, too long', async () => {
    const refused = async (policyText: string, reason: RegExp): Promise<void> => {
      await rejectsWith(ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'web', policyText })), 'InvalidParameterException', reason);
    };
    await refused('{"Statement": [', /Invalid repository policy provided/);
    await refused('{"Version": "2012-10-17"}', /Invalid repository policy provided/);
    await refused(policy({ Principal: '*', Action: 'ecr:BatchGetImage' }), /Effect/);
    await refused(policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage' }), /Principal/);
    await refused(policy({ Effect: 'Allow', Principal: '*' }), /Action/);
    await rejectsWith(
      ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'web', policyText: policy({ Sid: 'x'.repeat(10_300), Effect: 'Allow', Principal: '*', Action: '*' }) })),
      'InvalidParameterException',
    );
    await rejectsWith(ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'web' })), 'RepositoryPolicyNotFoundException');
  });

  it('a policy that would lock everyone out of SetRepositoryPolicy needs force', async () => {
    const lockout = policy({ Effect: 'Deny', Principal: '*', Action: 'ecr:Set*' });
    await rejectsWith(ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'web', policyText: lockout })), 'InvalidParameterException', /force/);
    const out = await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'web', policyText: lockout, force: true }));
    assert.deepEqual([out.registryId, out.repositoryName, out.policyText], ['111111111111', 'web', lockout]);
    await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'web' }));
  });

  it('puts, gets and deletes the registry policy; none is RegistryPolicyNotFoundException', async () => {
    await rejectsWith(ecr.send(new GetRegistryPolicyCommand({})), 'RegistryPolicyNotFoundException');
    await rejectsWith(ecr.send(new DeleteRegistryPolicyCommand({})), 'RegistryPolicyNotFoundException');
    await rejectsWith(ecr.send(new PutRegistryPolicyCommand({ policyText: 'nope' })), 'InvalidParameterException', /Invalid registry policy provided/);
    const put = await ecr.send(new PutRegistryPolicyCommand({ policyText: pull }));
    assert.deepEqual([put.registryId, put.policyText], ['111111111111', pull]);
    assert.equal((await ecr.send(new GetRegistryPolicyCommand({}))).policyText, pull);
    assert.equal((await ecr.send(new DeleteRegistryPolicyCommand({}))).policyText, pull);
    await rejectsWith(ecr.send(new GetRegistryPolicyCommand({})), 'RegistryPolicyNotFoundException');
  });

  it('denyActions refuses each policy operation with AccessDeniedException naming it', async () => {
    const actions = ['SetRepositoryPolicy', 'GetRepositoryPolicy', 'DeleteRepositoryPolicy', 'PutRegistryPolicy', 'GetRegistryPolicy', 'DeleteRegistryPolicy'];
    sandbox().setFaults({ denyActions: actions.map((a) => `ecr:${a}`) });
    const calls = [
      ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'web', policyText: pull })),
      ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'web' })),
      ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'web' })),
      ecr.send(new PutRegistryPolicyCommand({ policyText: pull })),
      ecr.send(new GetRegistryPolicyCommand({})),
      ecr.send(new DeleteRegistryPolicyCommand({})),
    ];
    for (const [i, call] of calls.entries()) await rejectsWith(call, 'AccessDeniedException', new RegExp(`ecr:${actions[i]}\\b`));
  });
});
