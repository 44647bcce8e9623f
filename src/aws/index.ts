// Entry of the AWS bundle (dist/aws.js), loaded on first use through src/lazy.ts.
import { ECRClient } from '@aws-sdk/client-ecr';

export interface EcrClientOptions {
  readonly region: string;
  readonly endpoint?: string;
}

export function createEcrClient(options: EcrClientOptions): ECRClient {
  return new ECRClient({ region: options.region, endpoint: options.endpoint });
}
