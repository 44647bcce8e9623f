// The registries a Dockerfile pulls from: the hosts of its FROM, COPY --from and RUN --mount
// images (ARG defaults substituted, stage names skipped), found by the same scanner as the hovers.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseImageRef } from '../core/imageRef';
import { scanDockerfile } from '../core/scanners/dockerfile';

/** Distinct "host[:port]" of the Dockerfile's images; "docker.io" for Docker Hub's short names ("node:20"). */
export async function baseImageHosts(contextDir: string, dockerfile = 'Dockerfile'): Promise<string[]> {
  const text = await readFile(resolve(contextDir, dockerfile), 'utf8');
  const hosts = new Set<string>();
  for (const reference of scanDockerfile(text)) {
    if (reference.unresolved) continue;
    const parsed = parseImageRef(reference.resolved ?? reference.text);
    if (parsed.ok) hosts.add(parsed.ref.host ?? 'docker.io');
  }
  return [...hosts];
}
