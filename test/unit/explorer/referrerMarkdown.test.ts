import * as assert from 'node:assert/strict';
import { referrerMarkdown } from '../../../src/explorer/referrerMarkdown';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('explorer/referrerMarkdown', () => {
  it('renders an SBOM: facts, annotations and packages escaped, the manifest in a fence it cannot close', () => {
    const manifest = JSON.stringify({ schemaVersion: 2, annotations: { note: '```\n# heading\n<script>x</script>' } });
    const md = referrerMarkdown({
      referrer: { digest: DIGEST, artifactType: 'application/spdx+json', size: 2048, pushedAt: new Date('2026-11-30T10:00:00Z'), annotations: { '[click](command:x)': '<b>bold</b>' } },
      subject: 'web:v1',
      subjectDigest: `sha256:${'b'.repeat(64)}`,
      manifest,
      sbom: { format: 'SPDX', packages: [{ name: 'left|right', version: '1.0', purl: 'pkg:npm/x@1.0' }] },
    });
    assert.match(md, /^# SBOM \(SPDX\) of web\\:v1\n/);
    assert.match(md, /\| Size \| 2,048 bytes \(2\.0 KB\) \|/);
    assert.match(md, /\| Pushed \| 2026-11-30T10:00:00Z \|/);
    assert.match(md, /\| \\\[click\\\]\\\(command\\:x\\\) \| &lt;b&gt;bold&lt;\/b&gt; \|/);
    assert.match(md, /\| left\\\|right \| 1\\\.0 \| pkg\\:npm\/x@1\\\.0 \|/);
    assert.match(md, /\n````json\n[\s\S]*\n````\n$/, 'a fence longer than the backticks inside');
    assert.doesNotMatch(md, /<b>|\]\(command:/);
  });

  it('says why an SBOM\'s packages are missing, and lists none for a signature', () => {
    const base = { referrer: { digest: DIGEST, artifactType: 'application/spdx+json' }, subject: 'web:v1', manifest: '{}' };
    assert.match(referrerMarkdown({ ...base, sbomProblem: 'its document is not SPDX or CycloneDX JSON' }), /## Packages\n\nThe SBOM could not be read: its document is not SPDX or CycloneDX JSON/);
    const signature = referrerMarkdown({ ...base, referrer: { digest: DIGEST, artifactType: 'application/vnd.cncf.notary.signature' } });
    assert.match(signature, /^# Signature \(Notation\) of web\\:v1/);
    assert.doesNotMatch(signature, /Packages/);
  });
});
