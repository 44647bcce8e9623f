import * as assert from 'node:assert/strict';
import { escapeMarkdown, markdownLink, safeHttpsUrl } from '../../../src/core/markdown';

describe('markdown escaping', () => {
  it('turns HTML into entities so it is shown, not rendered', () => {
    assert.equal(escapeMarkdown('<script>alert(1)</script>'), '&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    assert.equal(escapeMarkdown('a & b'), 'a &amp; b');
    assert.equal(escapeMarkdown('&lt;'), '&amp;lt;');
  });

  it('escapes emphasis, links and code', () => {
    assert.equal(escapeMarkdown('*bold* _it_'), '\\*bold\\* \\_it\\_');
    assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    assert.equal(escapeMarkdown('`code` ```fence```'), '\\`code\\` \\`\\`\\`fence\\`\\`\\`');
    assert.equal(escapeMarkdown('![img](http://x)'), '\\!\\[img\\]\\(http\\://x\\)');
  });

  it('neutralises block structure: headings, lists, quotes, indented code, setext lines', () => {
    assert.equal(escapeMarkdown('# h\n- item\n> quote\n    code\n===\n1. one'), '\\# h\n\\- item\n&gt; quote\ncode\n\\=\\=\\=\n1\\. one');
  });

  it('keeps ordinary text readable', () => {
    assert.equal(escapeMarkdown('Upgrade zlib to 1 or later'), 'Upgrade zlib to 1 or later');
    assert.equal(escapeMarkdown('CVE 2024 in openssl, see NVD'), 'CVE 2024 in openssl, see NVD');
  });

  it('drops control characters', () => {
    assert.equal(escapeMarkdown('a\u0000b\u001bc\td'), 'abc\td');
  });
});

describe('safeHttpsUrl', () => {
  it('allows http and https only', () => {
    assert.equal(safeHttpsUrl('https://nvd.nist.gov/vuln/detail/CVE-1'), 'https://nvd.nist.gov/vuln/detail/CVE-1');
    assert.equal(safeHttpsUrl(' http://example.com '), 'http://example.com/');
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'command:workbench.action.quit', 'data:text/html,x', 'file:///etc/passwd', 'vscode://x', 'not a url', '', undefined]) {
      assert.equal(safeHttpsUrl(url), undefined, String(url));
    }
  });

  it('builds links only to safe URLs, with parentheses encoded', () => {
    assert.equal(markdownLink('CVE-1', 'https://x.example/a_(b)'), '[CVE\\-1](https://x.example/a_%28b%29)');
    assert.equal(markdownLink('[x]', 'javascript:alert(1)'), '\\[x\\]');
  });
});
