// The IAM actions of Amazon ECR (service prefix `ecr`), for completions, validation and for
// expanding wildcards such as `ecr:Batch*` into the actions they grant.
export const ECR_ACTIONS: readonly string[] = [
  'BatchCheckLayerAvailability',
  'BatchDeleteImage',
  'BatchGetImage',
  'BatchGetRepositoryScanningConfiguration',
  'BatchImportUpstreamImage',
  'CompleteLayerUpload',
  'CreatePullThroughCacheRule',
  'CreateRepository',
  'CreateRepositoryCreationTemplate',
  'DeleteLifecyclePolicy',
  'DeletePullThroughCacheRule',
  'DeleteRegistryPolicy',
  'DeleteRepository',
  'DeleteRepositoryCreationTemplate',
  'DeleteRepositoryPolicy',
  'DescribeImageReplicationStatus',
  'DescribeImageScanFindings',
  'DescribeImages',
  'DescribePullThroughCacheRules',
  'DescribeRegistry',
  'DescribeRepositories',
  'DescribeRepositoryCreationTemplates',
  'GetAccountSetting',
  'GetAuthorizationToken',
  'GetDownloadUrlForLayer',
  'GetLifecyclePolicy',
  'GetLifecyclePolicyPreview',
  'GetRegistryPolicy',
  'GetRegistryScanningConfiguration',
  'GetRepositoryPolicy',
  'InitiateLayerUpload',
  'ListImages',
  'ListTagsForResource',
  'PutAccountSetting',
  'PutImage',
  'PutImageScanningConfiguration',
  'PutImageTagMutability',
  'PutLifecyclePolicy',
  'PutRegistryPolicy',
  'PutRegistryScanningConfiguration',
  'PutReplicationConfiguration',
  'ReplicateImage',
  'SetRepositoryPolicy',
  'StartImageScan',
  'StartLifecyclePolicyPreview',
  'TagResource',
  'UntagResource',
  'UpdateImageStorageClass',
  'UpdatePullThroughCacheRule',
  'UpdateRepositoryCreationTemplate',
  'UploadLayerPart',
  'ValidatePullThroughCacheRule',
].map((name) => `ecr:${name}`);

/** What a client needs to pull an image. */
export const PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] as const;

/** What a client needs to push an image (besides pulling the layers it checks). */
export const PUSH_ACTIONS = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'] as const;

/** An IAM action pattern as a regular expression: `*` any run, `?` one character, case-insensitive. */
function patternRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The ECR actions an IAM action pattern covers (`*` and `ecr:*` cover all). */
export function expandAction(pattern: string): string[] {
  const regex = patternRegex(pattern);
  return ECR_ACTIONS.filter((action) => regex.test(action));
}

/** True when the pattern names the ecr service (so an unknown name there is a mistake). */
export function isEcrPattern(pattern: string): boolean {
  return /^ecr:/i.test(pattern);
}
