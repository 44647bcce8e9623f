// Layer-level operations (ECR's layer API, which ECR's own proxy uses): read from the registry process.
import type { Operation } from './context';
import { DIGEST, optionalList } from './params';
import { invalidParameter } from '../ecrError';
import { storageName } from '../model';

/**
 * BatchCheckLayerAvailability: which of 1..100 blobs the repository already holds. As ECR answers,
 * a blob it has is a `layer` (AVAILABLE, with its size); one it lacks is a `failure`
 * (MissingLayerDigest); a malformed digest is a failure too (InvalidLayerDigest), never an exception.
 */
const batchCheckLayerAvailability: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const digests = optionalList(input, 'layerDigests', 1, 100);
  if (!digests) throw invalidParameter("Invalid parameter at 'layerDigests' failed to satisfy constraint: 'Member must not be null'");
  const layers: object[] = [];
  const failures: object[] = [];
  for (const raw of digests) {
    const layerDigest = typeof raw === 'string' ? raw : String(raw);
    if (!DIGEST.test(layerDigest) || !layerDigest.startsWith('sha256:')) {
      failures.push({ layerDigest, failureCode: 'InvalidLayerDigest', failureReason: 'Invalid layer digest' });
      continue;
    }
    const head = await ctx.backend.call('HEAD', `/v2/${storageName(repo)}/blobs/${layerDigest}`);
    if (head.status === 200) {
      layers.push({ layerDigest, layerAvailability: 'AVAILABLE', layerSize: Number(head.headers['content-length'] ?? 0) });
    } else {
      failures.push({ layerDigest, failureCode: 'MissingLayerDigest', failureReason: 'Could not find layer' });
    }
  }
  return { layers, failures };
};

export const layerOperations: Record<string, Operation> = {
  BatchCheckLayerAvailability: batchCheckLayerAvailability,
};
