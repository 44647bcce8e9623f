import * as assert from 'node:assert/strict';
import { parseEcrHost } from '../../../src/core/ecrHost';

describe('parseEcrHost', () => {
  const cases: [string, { accountId: string; region: string; fips: boolean; dualStack: boolean; partition: string }][] = [
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', { accountId: '123456789012', region: 'us-east-1', fips: false, dualStack: false, partition: 'aws' }],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', { accountId: '123456789012', region: 'cn-north-1', fips: false, dualStack: false, partition: 'aws-cn' }],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', { accountId: '123456789012', region: 'us-gov-west-1', fips: true, dualStack: false, partition: 'aws-us-gov' }],
    ['123456789012.dkr.ecr-fips.us-east-2.amazonaws.com', { accountId: '123456789012', region: 'us-east-2', fips: true, dualStack: false, partition: 'aws' }],
    ['123456789012.dkr-ecr.eu-west-1.on.aws', { accountId: '123456789012', region: 'eu-west-1', fips: false, dualStack: true, partition: 'aws' }],
    ['123456789012.dkr-ecr-fips.us-east-1.on.aws', { accountId: '123456789012', region: 'us-east-1', fips: true, dualStack: true, partition: 'aws' }],
    ['123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov', { accountId: '123456789012', region: 'us-iso-east-1', fips: false, dualStack: false, partition: 'aws-iso' }],
    ['123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov', { accountId: '123456789012', region: 'us-isob-east-1', fips: false, dualStack: false, partition: 'aws-iso-b' }],
    ['123456789012.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk', { accountId: '123456789012', region: 'eu-isoe-west-1', fips: false, dualStack: false, partition: 'aws-iso-e' }],
    ['123456789012.dkr.ecr.us-isof-south-1.csp.hci.ic.gov', { accountId: '123456789012', region: 'us-isof-south-1', fips: false, dualStack: false, partition: 'aws-iso-f' }],
    ['123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu', { accountId: '123456789012', region: 'eusc-de-east-1', fips: false, dualStack: false, partition: 'aws-eusc' }],
    ['123456789012.DKR.ECR.US-EAST-1.AMAZONAWS.COM', { accountId: '123456789012', region: 'us-east-1', fips: false, dualStack: false, partition: 'aws' }],
  ];
  for (const [host, expected] of cases) {
    it(`recognises ${host}`, () => assert.deepEqual(parseEcrHost(host), expected));
  }

  it('rejects hosts that are not ECR private registries', () => {
    for (const host of [
      'public.ecr.aws',
      'docker.io',
      '127.0.0.1:41234',
      '12345678901.dkr.ecr.us-east-1.amazonaws.com', // 11 digits
      '123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example',
      '123456789012.dkr.ecr.us-east-1.example.com',
      '123456789012.dkr.ecr.us-east-1.amazonaws.com:443',
      'api.ecr.us-east-1.amazonaws.com',
      '123456789012.dkr-ecr.us-east-1.amazonaws.com',
      'x123456789012.dkr.ecr.us-east-1.amazonaws.com',
    ]) assert.equal(parseEcrHost(host), undefined, host);
  });
});
