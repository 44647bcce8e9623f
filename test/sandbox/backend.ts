// Direct calls from the emulator to the registry process (for PutImage / BatchDeleteImage).
import { Agent, request } from 'node:http';

export interface BackendResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

export class RegistryBackend {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(readonly port: number) {}

  call(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<BackendResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, agent: this.agent, headers: body ? { ...headers, 'content-length': String(body.length) } : headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  putManifest(name: string, reference: string, manifest: Buffer, mediaType: string): Promise<BackendResponse> {
    return this.call('PUT', `/v2/${name}/manifests/${reference}`, manifest, { 'content-type': mediaType });
  }

  deleteManifest(name: string, digest: string): Promise<BackendResponse> {
    return this.call('DELETE', `/v2/${name}/manifests/${digest}`);
  }

  dispose(): void {
    this.agent.destroy();
  }
}

/** The registry's error codes from a JSON error body, e.g. ["MANIFEST_BLOB_UNKNOWN"]. */
export function registryErrors(body: Buffer): { code: string; message: string; detail?: unknown }[] {
  try {
    const parsed = JSON.parse(body.toString()) as { errors?: { code: string; message: string; detail?: unknown }[] };
    return parsed.errors ?? [];
  } catch {
    return [];
  }
}
