// Pushes blobs and manifests through a data-plane proxy with the registry HTTP API (as a client would).
import type { Blob } from './tarball';

export class RegistryPusher {
  private readonly uploaded = new Map<string, string>(); // digest -> a repository that has it

  constructor(
    private readonly host: string,
    private readonly authorization: string,
  ) {}

  private async call(method: string, pathOrUrl: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `http://${this.host}${pathOrUrl}`;
    return fetch(url, { method, body, headers: { authorization: this.authorization, ...headers } });
  }

  /** Uploads a blob unless the repository has it; mounts it from another repository when possible. */
  async pushBlob(repository: string, blob: Blob): Promise<void> {
    const head = await this.call('HEAD', `/v2/${repository}/blobs/${blob.digest}`);
    if (head.status === 200) return;
    const from = this.uploaded.get(blob.digest);
    const query = from ? `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(from)}` : '';
    const start = await this.call('POST', `/v2/${repository}/blobs/uploads/${query}`);
    await start.arrayBuffer();
    if (start.status === 201) return; // mounted
    if (start.status !== 202) throw new Error(`upload start for ${repository} failed: ${start.status}`);
    const location = new URL(start.headers.get('location') ?? '', `http://${this.host}`);
    location.searchParams.set('digest', blob.digest);
    const put = await this.call('PUT', location.toString(), blob.data, { 'content-type': 'application/octet-stream' });
    const text = await put.text();
    if (put.status !== 201) throw new Error(`upload of ${blob.digest} to ${repository} failed: ${put.status} ${text}`);
    this.uploaded.set(blob.digest, repository);
  }

  /** Puts the manifest; answers the response headers (e.g. `OCI-Subject` for a referrer). */
  async pushManifest(repository: string, reference: string, manifest: Blob): Promise<Headers> {
    const response = await this.call('PUT', `/v2/${repository}/manifests/${reference}`, manifest.data, { 'content-type': manifest.mediaType });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`manifest push ${repository}:${reference} failed: ${response.status} ${text}`);
    return response.headers;
  }
}
