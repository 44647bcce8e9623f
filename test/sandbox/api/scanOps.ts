// StartImageScan and DescribeImageScanFindings.
import { EcrError, invalidParameter } from '../ecrError';
import { isIndexType } from '../manifests';
import { storageName, type RegistryState } from '../model';
import { settingsOf, type ScanFrequency, type ScanningRule } from '../registrySettings';
import { scanFindings, severityCounts, vulnerabilitySourceUpdatedAt } from '../findings';
import type { Operation } from './context';
import { imageNotFound, resolveImage } from './imageOps';
import { epoch, imageIdOf, page } from './params';
import { enumValue, list, struct, text } from './shapes';

const startImageScan: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const id = imageIdOf(input.imageId);
  const image = resolveImage(ctx.state, repo, id);
  if (!image) throw imageNotFound(repo, id);
  if (isIndexType(image.mediaType)) throw new EcrError('UnsupportedImageTypeException', 'The image is of a type that cannot be scanned.');
  if (ctx.state.storageClass(repo, image.digest).status !== 'ACTIVE') throw new EcrError('ImageArchivedException', 'The specified image is archived and cannot be scanned.');
  if (ctx.state.scan(repo, image.digest)?.status === 'IN_PROGRESS') {
    throw new EcrError('LimitExceededException', 'The scan quota per image has been exceeded. Wait and try again.');
  }
  const scan = ctx.state.startScan(repo, image.digest);
  return {
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    imageScanStatus: { status: scan.status, description: scan.description },
  };
};

const describeImageScanFindings: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const id = imageIdOf(input.imageId);
  const image = resolveImage(ctx.state, repo, id);
  if (!image) throw imageNotFound(repo, id);
  const scan = ctx.state.scan(repo, image.digest);
  if (!scan) {
    throw new EcrError(
      'ScanNotFoundException',
      `Image scan does not exist for the image with '{imageDigest:'${image.digest}', imageTag:'${id.imageTag ?? 'null'}'}' in the repository with name '${repo.name}' in the registry with id '${repo.registry.accountId}'`,
    );
  }
  const base = {
    registryId: repo.registry.accountId,
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    imageScanStatus: { status: scan.status, description: scan.description },
  };
  if (scan.status !== 'COMPLETE') return base;
  const all = scanFindings(repo, image, scan);
  const { items, nextToken } = page(all, input, `Findings:${storageName(repo)}@${image.digest}`, { defaultMax: 100, max: 1000 });
  return {
    ...base,
    imageScanFindings: {
      imageScanCompletedAt: epoch(scan.completedAt ?? new Date()),
      vulnerabilitySourceUpdatedAt: vulnerabilitySourceUpdatedAt(),
      findingSeverityCounts: severityCounts(scan),
      [scan.type === 'BASIC' ? 'findings' : 'enhancedFindings']: items,
    },
    nextToken,
  };
};

// --- registry scanning configuration ----------------------------------------------------------

/** ECR's limits: at most 2 rules (one per frequency), 100 WILDCARD filters each. */
export const SCANNING_RULES_MAX = 2;
const SCANNING_FILTER = /^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$/;
const FREQUENCIES: readonly ScanFrequency[] = ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL'];

function scanningConfiguration(registry: RegistryState): object {
  return { scanType: registry.scanType, rules: settingsOf(registry).scanningRules.map((r) => ({ scanFrequency: r.scanFrequency, repositoryFilters: r.repositoryFilters.map((f) => ({ ...f })) })) };
}

const getRegistryScanningConfiguration: Operation = async (ctx) => {
  const registry = await ctx.registry({});
  return { registryId: registry.accountId, scanningConfiguration: scanningConfiguration(registry) };
};

const putRegistryScanningConfiguration: Operation = async (ctx, input) => {
  const scanType = enumValue(input.scanType, 'scanType', ['BASIC', 'ENHANCED'] as const, false);
  const rules = list(input.rules, 'rules', 0, SCANNING_RULES_MAX, false).map((raw, i): ScanningRule => {
    const at = `rules.${i + 1}.member`;
    const rule = struct(raw, at);
    const scanFrequency = enumValue(rule.scanFrequency, `${at}.scanFrequency`, FREQUENCIES, true) as ScanFrequency;
    const repositoryFilters = list(rule.repositoryFilters, `${at}.repositoryFilters`, 0, 100, true).map((f, j) => {
      const filter = struct(f, `${at}.repositoryFilters.${j + 1}.member`);
      enumValue(filter.filterType, `${at}.repositoryFilters.${j + 1}.member.filterType`, ['WILDCARD'] as const, true);
      return { filter: text(filter.filter, `${at}.repositoryFilters.${j + 1}.member.filter`, SCANNING_FILTER, 1, 255), filterType: 'WILDCARD' as const };
    });
    return { scanFrequency, repositoryFilters };
  });
  const registry = await ctx.registry({});
  const type = scanType ?? registry.scanType;
  for (const rule of rules) {
    if (type === 'BASIC' && rule.scanFrequency === 'CONTINUOUS_SCAN') {
      throw invalidParameter("Invalid parameter at 'rules' failed to satisfy constraint: 'Scan frequency CONTINUOUS_SCAN is not supported for scan type BASIC'");
    }
  }
  if (new Set(rules.map((r) => r.scanFrequency)).size < rules.length) {
    throw invalidParameter("Invalid parameter at 'rules' failed to satisfy constraint: 'Each scan frequency can be used in one rule only'");
  }
  registry.scanType = type;
  settingsOf(registry).scanningRules = rules;
  return { registryScanningConfiguration: scanningConfiguration(registry) };
};

export const scanOperations = {
  StartImageScan: startImageScan,
  DescribeImageScanFindings: describeImageScanFindings,
  GetRegistryScanningConfiguration: getRegistryScanningConfiguration,
  PutRegistryScanningConfiguration: putRegistryScanningConfiguration,
};
