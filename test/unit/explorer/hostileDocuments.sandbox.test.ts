// The findings and lifecycle preview documents built from a hostile endpoint's answers, read
// through the unmodified SDK: digests with blank lines and HTML, dates out of Date's range.
import * as assert from 'node:assert/strict';
import type { EcrApi } from '../../../src/aws/ecrApi';
import { findingsMarkdown } from '../../../src/explorer/findingsMarkdown';
import { previewMarkdown } from '../../../src/explorer/lifecyclePreviewMarkdown';
import { sandboxApi, useSandbox } from '../aws/sandboxHelpers';

describe('documents from a hostile endpoint', function () {
  this.timeout(60_000);
  const sandbox = useSandbox();
  let api: EcrApi;
  beforeEach(() => {
    api = sandboxApi(sandbox());
    sandbox().setFaults({ hostile: { invalidDigests: true, invalidDates: true } });
  });
  afterEach(() => api.dispose());

  /** No raw HTML and no code span a digest could have closed. */
  function assertInert(markdown: string): void {
    assert.ok(!markdown.includes('<img'), markdown);
    assert.ok(!markdown.includes('hostile.png'), markdown);
  }

  it('the findings view says "invalid digest" and "invalid date" instead of injecting HTML or throwing', async () => {
    const image = (await api.listImages('web', { maxResults: 100 })).items.find((i) => i.imageScanFindingsSummary);
    assert.ok(image?.imageDigest, 'the seed has a scanned image');
    assert.ok(image.imageScanFindingsSummary?.imageScanCompletedAt && Number.isNaN(image.imageScanFindingsSummary.imageScanCompletedAt.getTime()));
    const markdown = findingsMarkdown(
      { image: 'web:latest', digest: image.imageDigest, status: 'COMPLETE', completedAt: image.imageScanFindingsSummary.imageScanCompletedAt },
      [],
    );
    assertInert(markdown);
    assert.match(markdown, /Digest: \*invalid digest\*/);
    assert.match(markdown, /completed invalid date/);
  });

  it('the lifecycle preview says "invalid digest" and "invalid date" instead of injecting HTML or throwing', async () => {
    const preview = await api.previewLifecyclePolicy('lifecycle-demo');
    assert.ok(preview.previewResults.length > 0);
    const markdown = previewMarkdown('lifecycle-demo', preview);
    assertInert(markdown);
    assert.match(markdown, /\| \*invalid digest\* \| invalid date \|/);
  });

  it('a valid digest and date still show as before', async () => {
    sandbox().resetFaults();
    const preview = await api.previewLifecyclePolicy('lifecycle-demo');
    const markdown = previewMarkdown('lifecycle-demo', preview);
    assert.match(markdown, /\| `sha256:[0-9a-f]{12}` \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \|/);
  });
});
