import * as assert from 'node:assert/strict';
import { Finding, normaliseFindings } from '../../../src/core/findings';
import { hoverMarkdown } from '../../../src/language/hoverMarkdown';
import { LINKED_COMMANDS } from '../../../src/language/links';
import type { FindingsOutcome, Outcome } from '../../../src/language/outcome';

const digest = 'sha256:' + 'b'.repeat(64);
const registry = { id: 'src-1', label: 'sandbox-east', accountId: '111111111111', region: 'us-east-1', profile: 'sandbox-east' };
const found: Outcome = {
  kind: 'found',
  registry,
  repository: 'web',
  image: { imageDigest: digest, imageTags: ['latest', 'v1*<b>'], imagePushedAt: new Date('2024-05-01T10:00:00Z'), imageSizeInBytes: 3 * 1024 * 1024 },
  target: { registryId: 'src-1', repository: 'web', digest, tag: 'latest' },
};

function scan(findings: readonly Finding[]): FindingsOutcome {
  return { kind: 'scan', status: 'COMPLETE', completedAt: new Date('2024-05-02T00:00:00Z'), findings };
}

/** Every link target in the markdown. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
}

describe('image hover markdown', () => {
  it('counts findings the policy suppresses apart and marks them in the table', () => {
    const findings: Finding[] = [
      { id: 'CVE-1', severity: 'CRITICAL' },
      { id: 'CVE-2', severity: 'HIGH' },
      { id: 'CVE-3', severity: 'LOW' },
    ];
    const md = hoverMarkdown(found, scan(findings), new Set(['CVE-1'])) ?? '';
    assert.match(md, /\*\*2\*\* findings: H1 L1 · 1 suppressed by the policy\n/);
    assert.match(md, /\| CRITICAL \(suppressed\) \|/);
    assert.match(md, /\| HIGH \|/);
    assert.match(hoverMarkdown(found, scan(findings)) ?? '', /\*\*3\*\* findings: C1 H1 L1\n/, 'without a policy nothing is suppressed');
  });

  it('shows repository, registry, tag -> digest, push date, size, counts and the top 5 findings', () => {
    const findings = normaliseFindings({
      findings: ['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'LOW', 'LOW', 'INFORMATIONAL'].map((severity, i) => ({
        name: `CVE-2024-000${i}`,
        severity,
        uri: `https://nvd.example/CVE-2024-000${i}`,
        attributes: [{ key: 'package_name', value: `pkg${i}` }, { key: 'package_version', value: `1.${i}` }],
      })),
    });
    const md = hoverMarkdown(found, scan(findings)) ?? '';
    assert.match(md, /`web`/);
    assert.match(md, /`web` - account 111111111111, us\\-east\\-1, profile sandbox\\-east\n/);
    assert.ok(md.includes(`Tag \`latest\` → \`${digest}\``));
    assert.match(md, /Pushed 2024-05-01T10:00:00Z · size 3\.0 MB/);
    assert.match(md, /\*\*7\*\* findings: C1 H2 M1 L2 I1/);
    const rows = md.split('\n').filter((l) => l.startsWith('| [CVE'));
    assert.equal(rows.length, 5, 'top 5 only');
    assert.ok(rows[0].startsWith('| [CVE\\-2024\\-0000](https://nvd.example/CVE-2024-0000) | CRITICAL | pkg0 1\\.0 | no fix yet |'), rows[0]);
    assert.match(md, /and 2 more/);
  });

  it('escapes markdown and HTML from ECR and drops non-http links', () => {
    const findings = normaliseFindings({
      findings: [
        {
          name: '[x](javascript:alert(1))',
          severity: 'CRITICAL',
          uri: 'javascript:alert(1)',
          attributes: [{ key: 'package_name', value: '<script>alert(1)</script>' }, { key: 'package_version', value: '*1.0*' }],
        },
      ],
    });
    const md = hoverMarkdown(found, scan(findings)) ?? '';
    assert.ok(!md.includes('<script>'), 'no raw HTML');
    assert.ok(md.includes('&lt;script&gt;alert\\(1\\)&lt;/script&gt;'), md);
    assert.ok(md.includes('\\*1\\.0\\*'), 'emphasis escaped');
    assert.ok(md.includes('\\[x\\]\\(javascript\\:alert\\(1\\)\\)'), 'link syntax escaped');
    assert.ok(md.includes('v1\\*&lt;b&gt;'), 'other tags escaped');
    for (const target of linkTargets(md)) {
      const command = /^command:([\w.]+)\?/.exec(target)?.[1];
      assert.ok(command ? (LINKED_COMMANDS as readonly string[]).includes(command) : /^https?:/.test(target), `unexpected link target ${target}`);
    }
    assert.equal(linkTargets(md).filter((t) => t.startsWith('command:')).length, 4, 'findings, scan, reveal, copy digest');
  });

  it('says why an unresolved reference is not looked up, and nothing for non-ECR images', () => {
    assert.equal(hoverMarkdown({ kind: 'unresolved', reason: 'uses variable ${TAG} with no default' }), '**ECR image** - not looked up: the reference uses variable $\\{TAG\\} with no default.');
    assert.equal(hoverMarkdown({ kind: 'notEcr' }), undefined);
    assert.equal(hoverMarkdown({ kind: 'ignored' }), undefined);
  });

  it('describes missing images, registry problems and unscanned images', () => {
    assert.match(hoverMarkdown({ kind: 'imageNotFound', registry, repository: 'web', wanted: 'nope' }) ?? '', /nope not found in the repository/);
    assert.match(hoverMarkdown({ kind: 'problem', registry, problem: { kind: 'expiredCredentials', message: 'The AWS credentials have expired.' } }) ?? '', /Cannot be checked: The AWS credentials have expired\\\./);
    assert.match(hoverMarkdown(found, { kind: 'notScanned' }) ?? '', /Scan: \*\*not scanned\*\*/);
    assert.match(hoverMarkdown({ kind: 'noRegistry', host: 'h', accountId: '999999999999', region: 'us-east-1' }) ?? '', /no configured registry for account 999999999999 in us\\-east\\-1/);
  });

  it("names another account's image by that account and the registry it was read through", () => {
    const other: Outcome = { ...found, registry: { ...registry, accountId: '222222222222', through: true } };
    assert.match(hoverMarkdown(other) ?? '', /account 222222222222, us\\-east\\-1, through sandbox\\-east/);
  });

  it('says why another account\'s image is not looked up in an untrusted folder', () => {
    const md = hoverMarkdown({ kind: 'untrustedAccount', host: '222222222222.dkr.ecr.us-east-1.amazonaws.com', accountId: '222222222222', region: 'us-east-1' });
    assert.match(md ?? '', /not looked up: account 222222222222 is not one of your registries, and this folder is not trusted/);
  });

  it('names a newer version of the tag and when it was pushed', () => {
    const newer = { tag: 'v1.2.0', digest: 'sha256:' + 'e'.repeat(64), pushedAt: new Date('2026-12-01T10:00:00Z') };
    const md = hoverMarkdown(found, scan([]), new Set(), { newer }) ?? '';
    assert.match(md, /\n\*\*Newer version available:\*\* `v1\.2\.0`, pushed 2026-12-01T10:00:00Z\n/);
    assert.doesNotMatch(hoverMarkdown(found, scan([])) ?? '', /Newer/);
  });
});
