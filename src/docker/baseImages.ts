// The registries a Dockerfile pulls from: the hosts of its FROM, COPY --from and RUN --mount
// images (ARG defaults substituted, stage names skipped), found by the same scanner as the hovers.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseImageRef } from '../core/imageRef';
import { scanDockerfile } from '../core/scanners/dockerfile';

/** Distinct "host[:port]" of the Dockerfile's images that name a registry (not Docker Hub's short names). */
export async function baseImageHosts(contextDir: string, dockerfile = 'Dockerfile'): Promise<string[]> {
  const text = await readFile(resolve(contextDir, dockerfile), 'utf8');
  const hosts = new Set<string>();
  for (const reference of scanDockerfile(text)) {
    if (reference.unresolved) continue;
    const parsed = parseImageRef(reference.resolved ?? reference.text);
    if (parsed.ok && parsed.ref.host) hosts.add(parsed.ref.host);
  }
  return [...hosts];
}
