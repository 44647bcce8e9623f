import * as assert from 'node:assert/strict';
import { parseStages, stageLocation, stageOf } from '../../../src/core/promotion';

const HOST = '111111111111.dkr.ecr.us-east-1.amazonaws.com';

describe('core/promotion', () => {
  const setting = [
    { name: 'dev', repository: `${HOST}/app` },
    { name: 'staging', registry: '222222222222/eu-west-1', repository: 'app' },
    { name: 'prod', repository: '127.0.0.1:5001/team/app', policyPath: 'deploy/prod/app.yaml' },
  ];

  it('reads stages given as repository URIs or as registry + repository', () => {
    const { stages, problems } = parseStages(setting);
    assert.deepEqual(problems, []);
    assert.deepEqual(stages, [
      { name: 'dev', host: HOST, repository: 'app' },
      { name: 'staging', account: '222222222222', region: 'eu-west-1', repository: 'app' },
      { name: 'prod', host: '127.0.0.1:5001', repository: 'team/app', policyPath: 'deploy/prod/app.yaml' },
    ]);
    assert.equal(stageLocation(stages[1]), 'app in 222222222222 (eu-west-1)');
  });

  it('finds the next stage by host or by account and region; none after the last or for other repositories', () => {
    const { stages } = parseStages(setting);
    assert.equal(stageOf(stages, { host: HOST, accountId: '111111111111', region: 'us-east-1', repository: 'app' })?.next?.name, 'staging');
    assert.equal(stageOf(stages, { host: 'x', accountId: '222222222222', region: 'eu-west-1', repository: 'app' })?.next?.name, 'prod');
    const last = stageOf(stages, { host: '127.0.0.1:5001', repository: 'team/app' });
    assert.equal(last?.stage.name, 'prod');
    assert.equal(last?.next, undefined);
    assert.equal(stageOf(stages, { host: HOST, repository: 'other' }), undefined);
    assert.equal(stageOf(stages, { host: HOST, accountId: '222222222222', region: 'us-east-1', repository: 'app' })?.stage.name, 'dev');
  });

  it('leaves out entries it cannot read, saying why', () => {
    const { stages, problems } = parseStages([
      { repository: `${HOST}/a` },
      { name: 'x' },
      { name: 'y', repository: 'app' },
      { name: 'z', registry: 'eu-west-1', repository: 'app' },
      'dev',
    ]);
    assert.deepEqual(stages, []);
    assert.deepEqual(problems, [
      'ecr.promotion.stages[0] has no name.',
      'ecr.promotion.stages[1] (x) has no repository.',
      'ecr.promotion.stages[2] (y): repository must be a repository URI ("<registry host>/<name>") unless registry is given.',
      'ecr.promotion.stages[3] (z): registry must be "<12-digit account>/<region>", e.g. "111111111111/us-east-1".',
      'ecr.promotion.stages[4] is not an object.',
    ]);
    assert.deepEqual(parseStages(undefined), { stages: [], problems: [] });
    assert.deepEqual(parseStages('dev').problems, ['ecr.promotion.stages must be a list of stages.']);
  });
});
