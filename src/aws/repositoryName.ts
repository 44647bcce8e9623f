// ECR repository names and console links: pure helpers shared by the create command and the tree.

// From the CreateRepository API reference: 2..256 characters, lowercase path components
// separated by '/', each made of [a-z0-9] runs joined by single '.', '_' or '-'.
const NAME_PATTERN = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Why `name` is not a valid ECR repository name, or undefined when it is. */
export function validateRepositoryName(name: string): string | undefined {
  if (name.length < 2) return 'A repository name needs at least 2 characters.';
  if (name.length > 256) return `A repository name has at most 256 characters (this one has ${name.length}).`;
  if (/[A-Z]/.test(name)) return 'A repository name must be lowercase.';
  if (/\s/.test(name)) return 'A repository name cannot contain spaces.';
  if (/[^a-z0-9._/-]/.test(name)) {
    return 'A repository name may only contain lowercase letters, digits, ".", "_", "-" and "/".';
  }
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return 'Each "/"-separated part of a repository name must be non-empty.';
  }
  if (!NAME_PATTERN.test(name)) {
    return 'Each part of a repository name must start and end with a letter or digit, with single ".", "_" or "-" between them.';
  }
  return undefined;
}

/** The AWS console host of the partition a region belongs to. */
export function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return 'console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'console.amazonaws-us-gov.com';
  if (region.startsWith('eusc-')) return 'console.amazonaws.eu';
  return 'console.aws.amazon.com';
}

/** Link to a registry's repository list, or to one repository's images, in the AWS console. */
export function consoleUrl(region: string, accountId: string, repository?: string): string {
  const base = `https://${consoleHost(region)}/ecr`;
  const query = `region=${encodeURIComponent(region)}`;
  if (repository === undefined) return `${base}/private-registry/repositories?${query}`;
  return `${base}/repositories/private/${encodeURIComponent(accountId)}/${repository
    .split('/')
    .map(encodeURIComponent)
    .join('/')}?${query}`;
}
