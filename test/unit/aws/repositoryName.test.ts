import * as assert from 'node:assert/strict';
import { consoleUrl, validateRepositoryName } from '../../../src/aws/repositoryName';

describe('aws/repositoryName', () => {
  it('accepts names ECR accepts', () => {
    for (const name of ['ab', 'web', 'team/web-app', 'a.b_c-d/e1/f2', 'x'.repeat(256), '0/1']) {
      assert.equal(validateRepositoryName(name), undefined, name);
    }
  });

  it('rejects names ECR rejects, saying why', () => {
    const cases: [string, RegExp][] = [
      ['a', /at least 2/],
      ['x'.repeat(257), /at most 256.*257/],
      ['Web', /lowercase/],
      ['my app', /spaces/],
      ['web:latest', /only contain/],
      ['/web', /non-empty/],
      ['web/', /non-empty/],
      ['team//web', /non-empty/],
      ['-web', /start and end/],
      ['web-', /start and end/],
      ['we--b', /single/],
      ['team/.web', /start and end/],
    ];
    for (const [name, reason] of cases) assert.match(validateRepositoryName(name) ?? 'accepted', reason, name);
  });

  it('links to the console of the right partition', () => {
    assert.equal(
      consoleUrl('us-east-1', '111111111111', 'team/web'),
      'https://console.aws.amazon.com/ecr/repositories/private/111111111111/team/web?region=us-east-1',
    );
    assert.equal(consoleUrl('eu-west-1', '111111111111'), 'https://console.aws.amazon.com/ecr/private-registry/repositories?region=eu-west-1');
    assert.match(consoleUrl('cn-north-1', '111111111111', 'web'), /^https:\/\/console\.amazonaws\.cn\/ecr\//);
    assert.match(consoleUrl('us-gov-west-1', '111111111111'), /^https:\/\/console\.amazonaws-us-gov\.com\//);
  });
});
