import * as assert from 'node:assert/strict';
import {
  isTagImmutable,
  mutabilityText,
  parseExclusionFilters,
  parseScanningFilters,
  pullThroughPrefixProblem,
  templatePrefixProblem,
  upstreamAccessProblem,
  referenceTagImmutable,
  upstreamOf,
} from '../../../src/core/registrySettings';

describe('core/registrySettings', () => {
  it('a tag an exclusion filter matches is mutable under IMMUTABLE_WITH_EXCLUSION, and the reverse', () => {
    const filters = [{ filter: 'dev-*' }, { filter: 'latest' }];
    assert.equal(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'v1.2'), true);
    assert.equal(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'dev-42'), false);
    assert.equal(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'latest'), false);
    assert.equal(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'latest-1'), true, 'no * : the whole tag must match');
    assert.equal(isTagImmutable('MUTABLE_WITH_EXCLUSION', [{ filter: 'release-*' }], 'release-1'), true);
    assert.equal(isTagImmutable('MUTABLE_WITH_EXCLUSION', [{ filter: 'release-*' }], 'dev'), false);
    assert.equal(isTagImmutable('IMMUTABLE', undefined, 'dev-1'), true);
    assert.equal(isTagImmutable('MUTABLE', filters, 'v1'), false);
    assert.equal(isTagImmutable(undefined, undefined, 'v1'), false);
  });

  it('the policy gate asks about the reference\'s own tag', () => {
    const repository = { imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filter: 'dev-*' }] };
    assert.equal(referenceTagImmutable(repository, 'v1'), true);
    assert.equal(referenceTagImmutable(repository, 'dev-1'), false);
    assert.equal(referenceTagImmutable(repository, undefined), true, 'by digest: tags are fixed by default');
    assert.equal(referenceTagImmutable({ imageTagMutability: 'MUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filter: 'v*' }] }, undefined), false);
    assert.equal(referenceTagImmutable({}, 'v1'), undefined, 'no mode in the answer: cannot be told');
  });

  it('words for a repository row', () => {
    assert.equal(mutabilityText('IMMUTABLE_WITH_EXCLUSION', [{ filter: 'dev-*' }, { filter: 'latest' }]), 'immutable except dev-*, latest');
    assert.equal(mutabilityText('MUTABLE_WITH_EXCLUSION', [{ filter: 'release-*' }]), 'mutable except release-*');
    assert.equal(mutabilityText('IMMUTABLE', undefined), 'immutable');
    assert.equal(mutabilityText(undefined, undefined), 'mutable');
  });

  it('refuses exclusion and scanning filters ECR would refuse, with the reason', () => {
    assert.deepEqual(parseExclusionFilters(' dev-*, latest '), [{ filter: 'dev-*', filterType: 'WILDCARD' }, { filter: 'latest', filterType: 'WILDCARD' }]);
    assert.match(String(parseExclusionFilters('')), /at least one/);
    assert.match(String(parseExclusionFilters('a,b,c,d,e,f')), /at most 5/);
    assert.match(String(parseExclusionFilters('dev/1')), /"dev\/1" is not a tag filter/);
    assert.match(String(parseExclusionFilters('x'.repeat(129))), /is not a tag filter/);
    assert.deepEqual(parseScanningFilters(''), []);
    assert.deepEqual(parseScanningFilters('prod-*, team/web'), [{ filter: 'prod-*', filterType: 'WILDCARD' }, { filter: 'team/web', filterType: 'WILDCARD' }]);
    assert.match(String(parseScanningFilters('Prod')), /"Prod" is not a repository filter/);
    assert.match(String(parseScanningFilters(Array.from({ length: 101 }, (_, i) => `r${i}`).join(','))), /at most 100/);
  });

  it('pull-through cache prefixes, upstream URLs and their credentials as ECR checks them', () => {
    assert.equal(pullThroughPrefixProblem('ecr-public'), undefined);
    assert.equal(pullThroughPrefixProblem('ROOT'), undefined);
    assert.match(String(pullThroughPrefixProblem('x')), /2-30 characters/);
    assert.match(String(pullThroughPrefixProblem('a'.repeat(31))), /2-30 characters/);
    assert.match(String(pullThroughPrefixProblem('Docker_Hub')), /not a repository name prefix/);
    const hub = upstreamOf('https://registry-1.docker.io/');
    assert.equal(typeof hub === 'object' && hub.name, 'docker-hub');
    assert.equal(typeof hub === 'object' && hub.needs, 'credential');
    assert.match(String(upstreamOf('docker.io')), /not an upstream registry ECR can cache from.*registry-1\.docker\.io/);
    assert.equal((upstreamOf('myreg.azurecr.io') as { name: string }).name, 'azure-container-registry');
    assert.equal((upstreamOf('333333333333.dkr.ecr.us-west-2.amazonaws.com') as { needs: string }).needs, 'role');
    if (typeof hub === 'string') throw new Error(hub);
    assert.match(String(upstreamAccessProblem(hub, '')), /Secrets Manager secret/);
    assert.match(String(upstreamAccessProblem(hub, 'arn:aws:secretsmanager:us-east-1:111111111111:secret:other-name-1234567')), /ecr-pullthroughcache/);
    assert.equal(upstreamAccessProblem(hub, 'arn:aws:secretsmanager:us-east-1:111111111111:secret:ecr-pullthroughcache/hub-AbCdEf'), undefined);
    assert.equal(upstreamAccessProblem(upstreamOf('quay.io') as never, ''), undefined);
  });

  it('creation template prefixes: a repository prefix or ROOT', () => {
    assert.equal(templatePrefixProblem('prod/team'), undefined);
    assert.equal(templatePrefixProblem('ROOT'), undefined);
    assert.match(String(templatePrefixProblem('Prod')), /not a repository name prefix/);
    assert.match(String(templatePrefixProblem('')), /1-256 characters/);
  });
});
