// Big documents are scanned on a worker thread (the real scanners in a real worker, built by tsc).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { helmValuesScanner, kubernetesScanner, ScanTimeoutError, ScanWorker } from '../../../src/core/scanners';
import { ECR_IMAGE, helmAliases, kubernetesAliases } from './pathologicalInputs';

const SCRIPT = join(__dirname, '..', '..', '..', 'src', 'core', 'scanners', 'worker.js');

/** Broken Helm values: a flow map left open on every line, which only the full YAML parser reads (slowly). */
function openFlows(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `k${i}: {image: ${ECR_IMAGE}, n: ${i}\n`).join('');
}

describe('core/scanners/offThread (scan worker)', function () {
  this.timeout(120_000);
  let worker: ScanWorker | undefined;
  afterEach(() => worker?.dispose());

  it('finds the same references as a scan on this thread, each answer for its own request', async () => {
    worker = new ScanWorker(SCRIPT, 60_000);
    const helm = helmAliases(500);
    const pod = kubernetesAliases(500);
    const [fromHelm, fromPod] = await Promise.all([
      worker.scan({ path: '/w/chart/values.yaml', text: helm }),
      worker.scan({ path: '/w/k8s/pod.yaml', languageId: 'yaml', text: pod }),
    ]);
    assert.deepEqual(fromHelm, helmValuesScanner.scan(helm));
    assert.deepEqual(fromPod, kubernetesScanner.scan(pod));
    assert.equal(fromHelm.length, 500);
    assert.deepEqual(await worker.scan({ path: '/w/notes.txt', text: 'nothing to scan' }), []);
  });

  it('keeps this thread free while a broken document is read', async () => {
    worker = new ScanWorker(SCRIPT, 60_000);
    const text = openFlows(20_000);
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    const references = await worker.scan({ path: '/w/chart/values.yaml', text });
    assert.ok(timerFired, 'a timer set before the scan ran while the worker read the document');
    assert.equal(references.length, 20_000, 'every open flow map still yields its image');
  });

  it('stops a scan that runs past its time limit, says which file, and scans the next document with a new worker', async () => {
    worker = new ScanWorker(SCRIPT, 50);
    const slow = worker.scan({ path: '/w/chart/values.yaml', text: openFlows(40_000) });
    const next = worker.scan({ path: '/w/k8s/pod.yaml', text: kubernetesAliases(3) });
    await assert.rejects(slow, (error: unknown) => error instanceof ScanTimeoutError && /\/w\/chart\/values\.yaml .*longer than 0\.05 s/.test(error.message));
    assert.equal((await next).length, 3, 'the document after it is scanned');
  });
});
