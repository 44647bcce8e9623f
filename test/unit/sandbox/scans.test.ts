// Image scans: StartImageScan state changes and DescribeImageScanFindings in basic and enhanced shapes.
import * as assert from 'node:assert/strict';
import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  ECRClient,
  StartImageScanCommand,
  type DescribeImageScanFindingsCommandOutput,
} from '@aws-sdk/client-ecr';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

const waitFor = async (check: () => Promise<boolean>, ms = 5000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('sandbox image scans', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let ecr: ECRClient;
  before(() => {
    ecr = ecrClient(sandbox());
  });

  it('has no scan for an unscanned image (ScanNotFoundException), then IN_PROGRESS -> COMPLETE', async () => {
    await rejectsWith(ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' } })), 'ScanNotFoundException');
    const started = await ecr.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' } }));
    assert.equal(started.imageScanStatus?.status, 'IN_PROGRESS');
    assert.match(started.imageId?.imageDigest ?? '', /^sha256:/);
    const during = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' } }));
    assert.equal(during.imageScanStatus?.status, 'IN_PROGRESS');
    assert.equal(during.imageScanFindings, undefined);
    await rejectsWith(ecr.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' } })), 'LimitExceededException');
    await waitFor(async () => (await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v1.0.0' } }))).imageScanStatus?.status === 'COMPLETE');
    const [detail] = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1.0.0' }] }))).imageDetails ?? [];
    assert.equal(detail.imageScanStatus?.status, 'COMPLETE');
    assert.equal(detail.imageScanFindingsSummary?.findingSeverityCounts?.CRITICAL, 1);
  });

  it('reports FAILED for an unsupported image and refuses to scan an index', async () => {
    const failed = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'unsupported-os', imageId: { imageTag: '1.0' } }));
    assert.equal(failed.imageScanStatus?.status, 'FAILED');
    assert.match(failed.imageScanStatus?.description ?? '', /UnsupportedImageError/);
    await rejectsWith(ecr.send(new StartImageScanCommand({ repositoryName: 'multi-arch', imageId: { imageTag: 'latest' } })), 'UnsupportedImageTypeException');
    await rejectsWith(ecr.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'nope' } })), 'ImageNotFoundException');
  });

  it('returns basic findings in ECR shape, every severity, with HTML/markdown characters intact', async () => {
    const result = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'latest' } }));
    assert.equal(result.imageScanStatus?.status, 'COMPLETE');
    const findings = result.imageScanFindings?.findings ?? [];
    assert.equal(result.imageScanFindings?.enhancedFindings, undefined);
    assert.deepEqual(findings.map((f) => f.severity), ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED']);
    const critical = findings[0];
    assert.equal(critical.name, 'CVE-2023-0001');
    assert.match(critical.uri ?? '', /^https:\/\//);
    assert.deepEqual(critical.attributes?.slice(0, 2), [{ key: 'package_version', value: '1:1.35.0-4' }, { key: 'package_name', value: 'busybox' }]);
    assert.ok(critical.description?.includes('<script>alert(1)</script>') && critical.description.includes('](javascript:'));
    assert.ok(result.imageScanFindings?.imageScanCompletedAt instanceof Date);
    assert.ok(result.imageScanFindings?.vulnerabilitySourceUpdatedAt instanceof Date);
    assert.deepEqual(result.imageScanFindings?.findingSeverityCounts, { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1, INFORMATIONAL: 1, UNDEFINED: 1 });
  });

  it('pages findings with maxResults/nextToken', async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page: DescribeImageScanFindingsCommandOutput = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'latest' }, maxResults: 4, nextToken }));
      names.push(...(page.imageScanFindings?.findings ?? []).map((f) => f.name ?? ''));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.equal(pages, 2);
    assert.equal(new Set(names).size, 6);
  });

  it('returns enhanced findings (Inspector shape) in the enhanced-scanning registry', async () => {
    const enhanced = ecrClient(sandbox(), sandbox().accounts[1]);
    const result = await enhanced.send(new DescribeImageScanFindingsCommand({ repositoryName: 'payments/api', imageId: { imageTag: 'latest' } }));
    const findings = result.imageScanFindings?.enhancedFindings ?? [];
    assert.equal(result.imageScanFindings?.findings, undefined);
    assert.deepEqual(findings.map((f) => f.severity), ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED']);
    const critical = findings[0];
    assert.equal(critical.awsAccountId, '222222222222');
    assert.match(critical.findingArn ?? '', /^arn:aws:inspector2:eu-west-1:222222222222:finding\//);
    assert.equal(critical.type, 'PACKAGE_VULNERABILITY');
    assert.equal(critical.status, 'ACTIVE');
    assert.equal(critical.score, 9.8);
    assert.equal(critical.fixAvailable, 'YES');
    assert.equal(critical.remediation?.recommendation?.text, 'Upgrade busybox to 1:1.35.0-4+deb12u1 or later.');
    const details = critical.packageVulnerabilityDetails;
    assert.equal(details?.vulnerabilityId, 'CVE-2024-1001');
    assert.equal(details?.vulnerablePackages?.[0].fixedInVersion, '1:1.35.0-4+deb12u1');
    assert.equal(details?.vulnerablePackages?.[0].name, 'busybox');
    assert.equal(details?.cvss?.[0].baseScore, 9.8);
    assert.ok(details?.vendorCreatedAt instanceof Date);
    assert.equal(critical.scoreDetails?.cvss?.scoringVector, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    const image = critical.resources?.[0].details?.awsEcrContainerImage;
    assert.equal(image?.repositoryName, 'payments/api');
    assert.equal(image?.imageHash, result.imageId?.imageDigest);
    assert.deepEqual(image?.imageTags, ['latest', 'v3.4.1']);
    assert.ok(critical.description?.includes('<script>') && critical.description.includes('`wget`'));
    assert.deepEqual(result.imageScanFindings?.findingSeverityCounts, { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1, INFORMATIONAL: 1, UNTRIAGED: 1 });
  });

  it('reports no findings for a clean image', async () => {
    const result = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'clean-app', imageId: { imageTag: '1.0' } }));
    assert.equal(result.imageScanStatus?.status, 'COMPLETE');
    assert.deepEqual(result.imageScanFindings?.findings, []);
    assert.deepEqual(result.imageScanFindings?.findingSeverityCounts, {});
  });
});
