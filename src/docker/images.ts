// Local images: tag, list, and image references split the way the engine's API wants them.
import type Docker from 'dockerode';
import { DockerError, stripHttpPrefix } from './errors';
import { errorMessage } from '../core/errors';

export interface LocalImage {
  /** "sha256:..." */
  readonly id: string;
  /** e.g. ["app:latest"]; empty for untagged images. */
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  /** Bytes. */
  readonly size: number;
  readonly created: Date;
}

/** The engine's images, newest first (for "push an existing local image"). */
export async function listLocalImages(docker: Docker): Promise<LocalImage[]> {
  const images = await docker.listImages();
  return images
    .map((i) => ({
      id: i.Id,
      repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      repoDigests: (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
      size: i.Size,
      created: new Date(i.Created * 1000),
    }))
    .sort((a, b) => b.created.getTime() - a.created.getTime());
}

/** Gives image `source` (id or reference) the reference `target` ("host/repo:tag"). */
export async function tagImage(docker: Docker, source: string, target: string): Promise<void> {
  const { repository, tag } = splitReference(target);
  if (!tag) throw new DockerError(`Cannot tag ${source} as ${target}: a tag cannot be a digest.`);
  try {
    await docker.getImage(source).tag({ repo: repository, tag });
  } catch (error) {
    throw new DockerError(`Tagging ${source} as ${target} failed: ${stripHttpPrefix(errorMessage(error))}`);
  }
}

export interface SplitReference {
  /** "host:port/path/name" */
  readonly repository: string;
  /** Set when the reference names a tag ("latest" when it names neither). */
  readonly tag?: string;
  /** Set when the reference names a digest ("sha256:..."). */
  readonly digest?: string;
}

/** "host:5000/a/b:1" -> { repository: "host:5000/a/b", tag: "1" }; "x@sha256:..." -> digest. */
export function splitReference(reference: string): SplitReference {
  const at = reference.indexOf('@');
  if (at >= 0) return { repository: reference.slice(0, at), digest: reference.slice(at + 1) };
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  // A colon before the last slash belongs to host:port, not to a tag.
  if (colon > slash) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: 'latest' };
}
