// Recognises ECR registry hosts of every AWS partition, and hosts learnt at run time
// (a local sandbox or LocalStack endpoint) that the extension maps to its own registry keys.

export type EcrPartition = 'aws' | 'aws-us-gov' | 'aws-cn' | 'aws-eusc' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f';

export interface EcrHost {
  readonly accountId: string;
  readonly region: string;
  readonly fips: boolean;
  /** IPv4+IPv6 endpoint (`<account>.dkr-ecr.<region>.on.aws`). */
  readonly dualStack: boolean;
  readonly partition: EcrPartition;
}

// DNS suffixes of the partitions, as in the AWS SDK's partitions table (util-endpoints).
const SUFFIX_PARTITION: Readonly<Record<string, EcrPartition>> = {
  'amazonaws.com': 'aws',
  'amazonaws.com.cn': 'aws-cn',
  'amazonaws.eu': 'aws-eusc',
  'c2s.ic.gov': 'aws-iso',
  'sc2s.sgov.gov': 'aws-iso-b',
  'cloud.adc-e.uk': 'aws-iso-e',
  'csp.hci.ic.gov': 'aws-iso-f',
};

const REGION = '[a-z]{2,4}(?:-[a-z]+)+-\\d+';
const IPV4_HOST = new RegExp(`^(\\d{12})\\.dkr\\.ecr(-fips)?\\.(${REGION})\\.(.+)$`);
const DUAL_STACK_HOST = new RegExp(`^(\\d{12})\\.dkr-ecr(-fips)?\\.(${REGION})\\.on\\.aws$`);

/** The registry behind an ECR host name, or undefined when the host is not ECR's. */
export function parseEcrHost(host: string): EcrHost | undefined {
  const name = host.toLowerCase();
  const dual = DUAL_STACK_HOST.exec(name);
  if (dual) return { accountId: dual[1], region: dual[3], fips: dual[2] !== undefined, dualStack: true, partition: partitionOf(dual[3], 'aws') };
  const plain = IPV4_HOST.exec(name);
  if (!plain) return undefined;
  const suffixPartition = SUFFIX_PARTITION[plain[4]];
  if (!suffixPartition) return undefined;
  return { accountId: plain[1], region: plain[3], fips: plain[2] !== undefined, dualStack: false, partition: partitionOf(plain[3], suffixPartition) };
}

// GovCloud shares the commercial DNS suffix; its regions tell it apart.
function partitionOf(region: string, fromSuffix: EcrPartition): EcrPartition {
  return fromSuffix === 'aws' && region.startsWith('us-gov-') ? 'aws-us-gov' : fromSuffix;
}

/** `host[:port]` of a host name or an endpoint URL, lowercased, for lookups. */
export function normaliseHost(hostOrUrl: string): string {
  const withoutScheme = hostOrUrl.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return withoutScheme.split('/')[0].toLowerCase();
}

/** Hosts learnt at run time (e.g. `127.0.0.1:41234` of a local sandbox) mapped to opaque registry keys. */
export class RegistryHostMap<K> {
  private readonly byHost = new Map<string, K>();

  /** Accepts `host[:port]` or an endpoint URL such as `http://127.0.0.1:41234/`. */
  register(hostOrUrl: string, key: K): void {
    const host = normaliseHost(hostOrUrl);
    if (host) this.byHost.set(host, key);
  }

  unregister(hostOrUrl: string): boolean {
    return this.byHost.delete(normaliseHost(hostOrUrl));
  }

  get(hostOrUrl: string): K | undefined {
    return this.byHost.get(normaliseHost(hostOrUrl));
  }

  clear(): void {
    this.byHost.clear();
  }

  get size(): number {
    return this.byHost.size;
  }
}
