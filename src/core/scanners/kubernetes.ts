// Container images of Kubernetes manifests: Pods, pod templates of every workload kind
// (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...), PodTemplates and Lists,
// image volumes (`volumes[].image.reference`), Argo Rollouts analysis jobs and experiments, and
// Argo Workflows templates (`container`, `script`, `containerSet`, init containers and sidecars).
import { LineIndex } from './lineIndex';
import { DocumentReader, readQuickly } from './readDocuments';
import { scanPerDocument } from './perDocument';
import { isImageScalar, scalarReference } from './reference';
import { getPath, ScalarValue, stringAt, TreeNode } from './tree';
import { ImageReference, Scanner } from './types';

export const kubernetesScanner: Scanner = { kind: 'kubernetes', scan: scanPerDocument((text) => scanKubernetes(text)) };

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];
// Lists nested in Lists are legal but never deep; the limit only stops crafted input.
const MAX_LIST_DEPTH = 8;

export function scanKubernetes(text: string, read: DocumentReader = readQuickly): ImageReference[] {
  const lines = new LineIndex(text);
  return read(text, ({ roots, commentPrefixes }) => {
    const references: ImageReference[] = [];
    const add = (image: ScalarValue | undefined): void => {
      if (isImageScalar(image)) references.push(scalarReference('kubernetes', lines, image, commentPrefixes));
    };
    for (const root of roots) {
      for (const podSpec of podSpecs(root, 0)) {
        for (const list of CONTAINER_LISTS) {
          for (const container of podSpec.get(list)?.items() ?? []) add(container.get('image')?.scalar());
        }
        for (const volume of podSpec.get('volumes')?.items() ?? []) add(getPath(volume, 'image', 'reference')?.scalar());
      }
      for (const template of workflowTemplates(root)) {
        for (const single of WORKFLOW_CONTAINERS) add(getPath(template, single, 'image')?.scalar());
        for (const list of WORKFLOW_CONTAINER_LISTS) {
          for (const container of getPath(template, ...list)?.items() ?? []) add(container.get('image')?.scalar());
        }
      }
    }
    return references;
  });
}

const WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);
const WORKFLOW_CONTAINERS = ['container', 'script'];
const WORKFLOW_CONTAINER_LISTS = [['initContainers'], ['sidecars'], ['containerSet', 'containers']];

/** `spec.templates[]` of Argo Workflows kinds (`spec.workflowSpec.templates[]` for CronWorkflow). */
function workflowTemplates(resource: TreeNode): readonly TreeNode[] {
  const kind = stringAt(resource.get('kind'));
  if (kind === undefined || !WORKFLOW_KINDS.has(kind) || !stringAt(resource.get('apiVersion'))?.startsWith('argoproj.io/')) return [];
  const spec = kind === 'CronWorkflow' ? getPath(resource, 'spec', 'workflowSpec') : resource.get('spec');
  return spec?.get('templates')?.items() ?? [];
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
    case 'AnalysisTemplate':
    case 'ClusterAnalysisTemplate':
    case 'AnalysisRun':
      // Argo Rollouts: each metric may run a Job.
      return (getPath(resource, 'spec', 'metrics')?.items() ?? []).map((metric) => getPath(metric, 'provider', 'job', 'spec', 'template', 'spec')).filter(isMap);
    case 'Experiment':
      // Argo Rollouts: each template is a ReplicaSet-like pod template.
      return (getPath(resource, 'spec', 'templates')?.items() ?? []).map((template) => getPath(template, 'template', 'spec')).filter(isMap);
    default:
      // Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, and custom
      // workloads shaped like them (e.g. Argo Rollouts).
      spec = getPath(resource, 'spec', 'template', 'spec');
  }
  return isMap(spec) ? [spec] : [];
}

function isMap(node: TreeNode | undefined): node is TreeNode {
  return node?.kind === 'map';
}
