// Image build through the engine's /build endpoint, with the build output as typed events.
//
// BuildKit (version "2", with a gRPC session; see buildkit.ts) where the engine offers it, the
// classic builder (version "1") otherwise; the `ecr.docker.builder` setting can force either.
// Both give the same events: output lines, "step n/m" events, the image id, BuildError with the
// failing step and its last lines, CancelledError on abort.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { baseImageHosts } from './baseImages';
import { createBuildContext } from './buildContext';
import { credentialsKey, dockerConfigCredentials } from './dockerConfig';
import { BuildKitOutputParser, chooseBuilder, startBuildKit, type Builder, type BuilderPreference } from './buildkit';
import type { RegistryAuth, RegistryCredentials } from './ecrAuth';
import { BuildError, DockerError, stripHttpPrefix } from './errors';
import { type JsonMessage, runStreamed } from './jsonStream';
import { tagImage } from './images';
import { redactSecrets } from './redact';
import { errorMessage } from '../core/errors';

export interface BuildStep {
  readonly step: number;
  readonly total: number;
  /** The instruction, e.g. "RUN make". */
  readonly text: string;
}

export type BuildEvent = { readonly kind: 'log'; readonly text: string } | ({ readonly kind: 'step' } & BuildStep);

export interface BuildOptions {
  readonly contextDir: string;
  /** Absolute, or relative to the context; may lie outside the context. Default "Dockerfile". */
  readonly dockerfile?: string;
  readonly tags?: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly noCache?: boolean;
  /**
   * Credentials for private base images, by registry host (our ECR tokens). Hosts it has none for
   * get docker config.json's (auths, credHelpers, credsStore), else are pulled anonymously.
   */
  readonly registryCredentials?: RegistryCredentials;
  /** The folder of the docker config.json to read; default $DOCKER_CONFIG, else ~/.docker. */
  readonly dockerConfigDir?: string;
  /** "auto" (default): BuildKit when the engine offers it, else classic. */
  readonly builder?: BuilderPreference;
  /** Values (e.g. secret build args) to mask in events and errors. */
  readonly secrets?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: BuildEvent) => void;
}

export interface BuildResult {
  /** "sha256:..." */
  readonly imageId: string;
  readonly tags: readonly string[];
  /** The builder that built it. */
  readonly builder: Builder;
}

/** How many output lines of the failing step a BuildError keeps. */
const KEPT_LINES = 20;
const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/** Builds an image from a context folder; resolves with the image id, rejects with BuildError/CancelledError. */
export async function buildImage(docker: Docker, options: BuildOptions): Promise<BuildResult> {
  const secrets = options.secrets ?? [];
  const emit = (event: BuildEvent): void => options.onEvent?.(redactEvent(event, secrets));
  const choice = await chooseBuilder(docker, options.builder);
  emit({ kind: 'log', text: `Builder: ${choice.builder === 'buildkit' ? 'BuildKit' : 'classic'} (${choice.reason})` });
  const imageId = await buildWith(docker, options, choice.builder, emit);
  for (const tag of options.tags?.slice(1) ?? []) await tagImage(docker, imageId, tag);
  return { imageId, tags: options.tags ?? [], builder: choice.builder };
}

async function buildWith(docker: Docker, options: BuildOptions, builder: Builder, emit: (event: BuildEvent) => void): Promise<string> {
  const context = await createBuildContext({
    contextDir: options.contextDir,
    dockerfile: options.dockerfile,
    onSkipped: (path, kind) => emit({ kind: 'log', text: `Skipped ${path}: a ${kind} cannot be sent in a build context` }),
  });
  const secrets = options.secrets ?? [];
  const parser = builder === 'buildkit' ? new BuildKitOutputParser(emit) : new BuildOutputParser(emit);
  const what = `Build of ${options.contextDir}`;
  const query = {
    dockerfile: context.dockerfile,
    t: options.tags?.[0], // More tags are added after the build (the typings allow one here).
    buildargs: options.buildArgs ? { ...options.buildArgs } : undefined,
    target: options.target,
    platform: options.platform,
    labels: options.labels ? { ...options.labels } : undefined,
    nocache: options.noCache,
    rm: true,
    forcerm: true, // Classic: do not leave intermediate containers behind after a failed step.
  };
  const credentials = baseImageCredentials(options, emit);
  let imageId: string | undefined;
  let closeSession: (() => void) | undefined;
  try {
    await runStreamed(
      what,
      options.signal,
      async () => {
        if (builder === 'buildkit') {
          const request = await startBuildKit(docker, context.stream, query, options.signal, credentials);
          closeSession = request.close;
          return request.response;
        }
        // The stream dockerode resolves with is the HTTP response (an IncomingMessage).
        // The classic builder takes every registry's credentials up front (X-Registry-Config).
        const registryconfig = await classicRegistryConfig(options, credentials);
        return (await (docker.buildImage(context.stream, { ...query, version: '1', registryconfig, abortSignal: options.signal }) as Promise<unknown>)) as Readable;
      },
      (message) => {
        if (message.aux?.ID) imageId = message.aux.ID;
        parser.push(message);
        const failure = message.errorDetail?.message ?? message.error;
        if (failure) throw parser.toError(what, redactSecrets(failure, secrets), secrets);
      },
    );
  } catch (error) {
    if (error instanceof DockerError) throw error;
    // The engine refused the request itself (e.g. a missing Dockerfile): HTTP error, no stream.
    const detail = redactSecrets(stripHttpPrefix(errorMessage(error)).trim(), secrets);
    throw new BuildError(`Build of ${options.contextDir} failed: ${detail}`, detail, undefined, []);
  } finally {
    parser.flush();
    closeSession?.();
    context.dispose();
  }
  imageId ??= parser.builtId;
  if (!imageId) throw new DockerError(`${what} ended without an image id; the engine output was: ${parser.lastLines.join(' | ')}`);
  return imageId;
}

/** Our ECR tokens win; docker config.json speaks for the hosts they do not serve. One lookup per build. */
function baseImageCredentials(options: BuildOptions, emit: (event: BuildEvent) => void): RegistryCredentials {
  const ours = options.registryCredentials;
  const onFound = (host: string, source: string): void => emit({ kind: 'log', text: `Base images from ${host}: credentials from ${source}` });
  const fromConfig = dockerConfigCredentials({ dir: options.dockerConfigDir, onFound });
  return async (host) => (await ours?.(host)) ?? fromConfig(host);
}

/** Key -> authconfig for the registries of the Dockerfile's base images that have credentials. */
async function classicRegistryConfig(options: BuildOptions, lookup: RegistryCredentials): Promise<Record<string, RegistryAuth> | undefined> {
  const config: Record<string, RegistryAuth> = {};
  for (const host of await baseImageHosts(options.contextDir, options.dockerfile)) {
    const auth = await lookup(host);
    // The engine finds Docker Hub's entry under its URL key, any other registry's under its host.
    const key = credentialsKey(host);
    if (auth) config[key] = { ...auth, serveraddress: key };
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

function redactEvent(event: BuildEvent, secrets: readonly string[]): BuildEvent {
  return secrets.length === 0 ? event : { ...event, text: redactSecrets(event.text, secrets) };
}

/** Turns classic-builder messages into line and step events; remembers what a BuildError needs. */
export class BuildOutputParser {
  private partial = '';
  private step: BuildStep | undefined;
  private lines: string[] = [];
  builtId: string | undefined;

  constructor(private readonly emit: (event: BuildEvent) => void) {}

  get lastLines(): readonly string[] {
    return this.lines;
  }

  push(message: JsonMessage): void {
    const text = message.stream ?? (message.status ? `${message.status}\n` : '');
    if (!text) return;
    this.partial += text;
    const parts = this.partial.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.line(line.replace(/\r$/, ''));
  }

  flush(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  /** `what` names the build, e.g. "Build of /path/to/context". */
  toError(what: string, failure: string, secrets: readonly string[]): BuildError {
    this.flush();
    const where = this.step ? ` at step ${this.step.step}/${this.step.total} (${this.step.text})` : '';
    const message = redactSecrets(`${what} failed${where}: ${failure}`, secrets);
    return new BuildError(message, failure, this.step, this.lines.map((l) => redactSecrets(l, secrets)));
  }

  private line(line: string): void {
    const step = STEP.exec(line);
    if (step) {
      this.step = { step: Number(step[1]), total: Number(step[2]), text: step[3] };
      this.lines = [];
      this.emit({ kind: 'step', ...this.step });
      return;
    }
    const built = /^Successfully built ([0-9a-f]+)$/.exec(line);
    if (built) this.builtId = built[1];
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.shift();
    this.emit({ kind: 'log', text: line });
  }
}
