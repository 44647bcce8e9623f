import * as assert from 'node:assert/strict';
import { atLeast, Finding, formatCounts, normaliseFindings, SEVERITIES, severityCounts, sortFindings, toSeverity } from '../../../src/core/findings';

// Shapes as DescribeImageScanFindings returns them.
const basicResponse = {
  imageScanStatus: { status: 'COMPLETE' },
  imageScanFindings: {
    findingSeverityCounts: { HIGH: 1, LOW: 1 },
    findings: [
      {
        name: 'CVE-2023-1111',
        description: 'A flaw in zlib.',
        uri: 'https://security-tracker.debian.org/tracker/CVE-2023-1111',
        severity: 'HIGH',
        attributes: [
          { key: 'package_version', value: '1.2.13' },
          { key: 'package_name', value: 'zlib' },
          { key: 'CVSS2_VECTOR', value: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
          { key: 'CVSS2_SCORE', value: '7.5' },
        ],
      },
      { name: 'CVE-2023-2222', severity: 'LOW', attributes: [] },
    ],
  },
};

const enhancedResponse = {
  imageScanFindings: {
    enhancedFindings: [
      {
        findingArn: 'arn:aws:inspector2:us-east-1:123456789012:finding/abc',
        title: 'CVE-2024-3333 - openssl',
        description: 'Buffer overflow in openssl.',
        severity: 'CRITICAL',
        score: 9.8,
        status: 'ACTIVE',
        packageVulnerabilityDetails: {
          vulnerabilityId: 'CVE-2024-3333',
          sourceUrl: 'https://nvd.nist.gov/vuln/detail/CVE-2024-3333',
          vulnerablePackages: [{ name: 'openssl', version: '3.0.11', fixedInVersion: '3.0.13' }],
          cvss: [{ baseScore: 9.8, scoringVector: 'CVSS:3.1/AV:N', source: 'NVD', version: '3.1' }],
        },
        remediation: { recommendation: { text: 'Upgrade openssl', url: 'https://example.com/fix' } },
      },
      {
        title: 'CVE-2024-4444 - curl',
        severity: 'MEDIUM',
        packageVulnerabilityDetails: { vulnerabilityId: 'CVE-2024-4444', cvss: [{ baseScore: 5.3 }] },
        remediation: { recommendation: { url: 'https://example.com/curl' } },
      },
      { severity: 'untriaged' },
    ],
  },
};

describe('findings', () => {
  it('normalises basic findings', () => {
    assert.deepEqual(normaliseFindings(basicResponse), [
      {
        id: 'CVE-2023-1111', severity: 'HIGH', title: 'CVE-2023-1111', description: 'A flaw in zlib.',
        url: 'https://security-tracker.debian.org/tracker/CVE-2023-1111', packageName: 'zlib', packageVersion: '1.2.13', score: 7.5,
      },
      { id: 'CVE-2023-2222', severity: 'LOW', title: 'CVE-2023-2222' },
    ]);
  });

  it('normalises enhanced findings', () => {
    assert.deepEqual(normaliseFindings(enhancedResponse.imageScanFindings), [
      {
        id: 'CVE-2024-3333', severity: 'CRITICAL', title: 'CVE-2024-3333 - openssl', description: 'Buffer overflow in openssl.',
        url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-3333', packageName: 'openssl', packageVersion: '3.0.11', fixedIn: '3.0.13', score: 9.8,
      },
      { id: 'CVE-2024-4444', severity: 'MEDIUM', title: 'CVE-2024-4444 - curl', url: 'https://example.com/curl', score: 5.3 },
      { id: 'unnamed finding', severity: 'UNDEFINED' },
    ]);
  });

  it('survives missing and mistyped fields', () => {
    assert.deepEqual(normaliseFindings(undefined), []);
    assert.deepEqual(normaliseFindings({}), []);
    const odd = { findings: [{ name: 5, attributes: 'x', severity: null }] } as unknown as Parameters<typeof normaliseFindings>[0];
    assert.deepEqual(normaliseFindings(odd), [{ id: 'unnamed finding', severity: 'UNDEFINED' }]);
  });

  it('orders severities and applies thresholds', () => {
    assert.deepEqual(SEVERITIES, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED']);
    assert.equal(atLeast('HIGH', 'MEDIUM'), true);
    assert.equal(atLeast('MEDIUM', 'MEDIUM'), true);
    assert.equal(atLeast('LOW', 'MEDIUM'), false);
    assert.equal(atLeast('UNDEFINED', 'INFORMATIONAL'), false);
    assert.equal(toSeverity('critical'), 'CRITICAL');
    assert.equal(toSeverity('bogus'), 'UNDEFINED');
  });

  it('sorts by severity, then score, and counts for the tree', () => {
    const all: Finding[] = [...normaliseFindings(basicResponse), ...normaliseFindings(enhancedResponse), { id: 'H2', severity: 'HIGH', score: 8.1 }];
    assert.deepEqual(sortFindings(all).map((f) => f.id), ['CVE-2024-3333', 'H2', 'CVE-2023-1111', 'CVE-2024-4444', 'CVE-2023-2222', 'unnamed finding']);
    const counts = severityCounts(all);
    assert.deepEqual(counts, { CRITICAL: 1, HIGH: 2, MEDIUM: 1, LOW: 1, INFORMATIONAL: 0, UNDEFINED: 1 });
    assert.equal(formatCounts(counts), 'C1 H2 M1 L1 U1');
    assert.equal(formatCounts({ CRITICAL: 2, HIGH: 5, MEDIUM: 1 }), 'C2 H5 M1');
    assert.equal(formatCounts(severityCounts([])), '');
  });
});
