import * as assert from 'node:assert/strict';
import { normaliseFindings } from '../../../src/core/findings';
import { findingsMarkdown } from '../../../src/explorer/findingsMarkdown';

describe('findings view markdown', () => {
  const findings = normaliseFindings({
    findings: [
      {
        name: 'CVE-2024-0001',
        severity: 'HIGH',
        uri: 'https://nvd.example/CVE-2024-0001',
        description: 'Overflow in <script>alert(1)</script> *parser*',
        attributes: [
          { key: 'package_name', value: 'busy|box' },
          { key: 'package_version', value: '1.36' },
        ],
      },
      { name: 'CVE-2024-0002', severity: 'CRITICAL', uri: 'javascript:alert(1)' },
    ],
  });

  it('groups by severity, most severe first, with counts', () => {
    const md = findingsMarkdown({ image: 'repo:1.0', status: 'COMPLETE' }, findings);
    assert.ok(md.indexOf('## CRITICAL (1)') < md.indexOf('## HIGH (1)'));
    assert.match(md, /\*\*2\*\* findings: C1 H1/);
  });

  it('links CVEs only over http(s) and escapes every network string', () => {
    const md = findingsMarkdown({ image: 'repo:1.0' }, findings);
    assert.match(md, /\[CVE\\-2024\\-0001\]\(https:\/\/nvd\.example\/CVE-2024-0001\)/);
    assert.ok(!md.includes('javascript:'), md);
    assert.ok(!md.includes('<script>'), md);
    assert.ok(md.includes('&lt;script&gt;'), md);
    assert.ok(md.includes('busy\\|box'), 'a pipe in a package name must not end the table row');
    assert.ok(md.includes('no fix yet'));
  });

  it('says when there are no findings', () => {
    assert.match(findingsMarkdown({ image: 'repo:1.0', status: 'COMPLETE' }, []), /No findings\./);
  });
});
