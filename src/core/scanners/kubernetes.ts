// Container images of Kubernetes manifests: Pods, pod templates of every workload kind
// (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...), PodTemplates and Lists.
import { LineIndex } from './lineIndex';
import { isImageScalar, scalarReference } from './reference';
import { getPath, parseDocuments, stringAt, TreeNode } from './tree';
import { ImageReference, Scanner } from './types';

export const kubernetesScanner: Scanner = { kind: 'kubernetes', scan: scanKubernetes };

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];
// Lists nested in Lists are legal but never deep; the limit only stops crafted input.
const MAX_LIST_DEPTH = 8;

export function scanKubernetes(text: string): ImageReference[] {
  const lines = new LineIndex(text);
  const { roots, commentPrefixes } = parseDocuments(text);
  const references: ImageReference[] = [];
  for (const root of roots) {
    for (const podSpec of podSpecs(root, 0)) {
      for (const list of CONTAINER_LISTS) {
        for (const container of podSpec.get(list)?.items() ?? []) {
          const image = container.get('image')?.scalar();
          if (isImageScalar(image)) references.push(scalarReference('kubernetes', lines, image, commentPrefixes));
        }
      }
    }
  }
  return references;
}

function podSpecs(resource: TreeNode, depth: number): TreeNode[] {
  const kind = stringAt(resource.get('kind'));
  let spec: TreeNode | undefined;
  switch (kind) {
    case 'List':
      if (depth >= MAX_LIST_DEPTH) return [];
      return (resource.get('items')?.items() ?? []).flatMap((item) => podSpecs(item, depth + 1));
    case 'Pod':
      spec = resource.get('spec');
      break;
    case 'PodTemplate':
      spec = getPath(resource, 'template', 'spec');
      break;
    case 'CronJob':
      spec = getPath(resource, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
      break;
    default:
      // Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, and custom
      // workloads shaped like them (e.g. Argo Rollouts).
      spec = getPath(resource, 'spec', 'template', 'spec');
  }
  return spec?.kind === 'map' ? [spec] : [];
}
