// BuildKit side of image builds: which builder the engine offers, the build request with its gRPC
// session, and the engine's BuildKit status (base64 protobuf moby.buildkit.v1.StatusResponse in
// `aux` of "moby.buildkit.trace" messages) turned into the same events as the classic builder's.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { BuildError } from './errors';
import type { JsonMessage } from './jsonStream';
import { decodeStatusResponse } from './protobuf';
import { redactSecrets } from './redact';
import type { BuildEvent, BuildStep } from './build';
import { openSession } from './buildkitSession';
import type { RegistryCredentials } from './ecrAuth';
import { errorMessage, toError } from '../core/errors';

/** The `ecr.docker.builder` setting. */
export type BuilderPreference = 'auto' | 'buildkit' | 'classic';
export type Builder = 'buildkit' | 'classic';

export interface BuilderChoice {
  readonly builder: Builder;
  /** Why, for the log line, e.g. "the engine offers it". */
  readonly reason: string;
}

/** BuildKit came with Docker 18.09 (API 1.39) on Linux engines; Windows engines build classic only. */
const BUILDKIT_MIN_API = [1, 39];

/**
 * Picks the builder: the setting when it names one, else what the engine's /_ping says:
 * `Builder-Version` when the engine sends it (Docker 23+, or `features.buildkit` configured),
 * otherwise BuildKit on a Linux engine with API >= 1.39 (it accepts version=2 without being
 * configured), classic elsewhere.
 */
export async function chooseBuilder(docker: Docker, preference: BuilderPreference = 'auto'): Promise<BuilderChoice> {
  if (preference === 'buildkit') return { builder: 'buildkit', reason: 'ecr.docker.builder is "buildkit"' };
  if (preference === 'classic') return { builder: 'classic', reason: 'ecr.docker.builder is "classic"' };
  let headers: Record<string, string | string[] | undefined>;
  try {
    headers = await pingHeaders(docker);
  } catch (error) {
    return { builder: 'classic', reason: `the engine's /_ping failed (${errorMessage(error)})` };
  }
  return builderFromPing(headers);
}

/** The decision of chooseBuilder() for the headers of a /_ping answer (names in lower case). */
export function builderFromPing(headers: Readonly<Record<string, string | string[] | undefined>>): BuilderChoice {
  const one = (name: string): string => String([headers[name]].flat()[0] ?? '').trim();
  const version = one('builder-version');
  if (version === '2') return { builder: 'buildkit', reason: 'the engine offers it: Builder-Version 2' };
  if (version === '1') return { builder: 'classic', reason: 'the engine asks for it: Builder-Version 1' };
  const os = one('ostype').toLowerCase();
  const api = one('api-version');
  const [major, minor] = api.split('.').map(Number);
  const recent = major > BUILDKIT_MIN_API[0] || (major === BUILDKIT_MIN_API[0] && minor >= BUILDKIT_MIN_API[1]);
  if (os === 'linux' && recent) return { builder: 'buildkit', reason: `the engine offers it: Linux, API ${api}` };
  return { builder: 'classic', reason: `the engine does not offer BuildKit: ${os || 'unknown OS'}, API ${api || 'unknown'}` };
}

function pingHeaders(docker: Docker): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ path: '/_ping?', method: 'GET', isStream: true, statusCodes: { 200: true, 500: 'server error' } }, (error: unknown, response: unknown) => {
      if (error) return reject(toError(error));
      const message = response as Readable & { headers: Record<string, string | string[] | undefined> };
      message.resume();
      resolve(message.headers);
    });
  });
}

export interface BuildKitRequest {
  readonly response: Readable;
  /** Ends the gRPC session (idempotent). */
  close(): void;
}

/**
 * POST /build with version=2 and a gRPC session of our own that answers BuildKit's requests for
 * registry credentials (base images from private registries); the caller ends the session, since
 * the response never ends cleanly when a build is cancelled or fails.
 */
export async function startBuildKit(
  docker: Docker,
  context: Readable,
  options: Record<string, unknown>,
  signal: AbortSignal | undefined,
  credentials: RegistryCredentials | undefined,
): Promise<BuildKitRequest> {
  const session = await openSession(docker, credentials);
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build?',
        method: 'POST',
        file: context,
        // Unset options must be left out: BuildKit reads "t=" as an (invalid) empty tag.
        options: { ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)), version: '2', session: session.id },
        abortSignal: signal,
        isStream: true,
        statusCodes: { 200: true, 500: 'server error' },
      },
      (dialError: unknown, response: unknown) => {
        if (dialError) {
          session.close();
          return reject(toError(dialError));
        }
        resolve({ response: response as Readable, close: session.close });
      },
    );
  });
}

// ---- Status decoding. ----

export interface VertexStatus {
  readonly digest: string;
  readonly name: string;
  readonly cached: boolean;
  readonly started: boolean;
  readonly completed: boolean;
  readonly error: string;
}
export interface StatusUpdate {
  readonly id: string;
  readonly name: string;
  readonly completed: boolean;
}
export interface VertexLog {
  readonly vertex: string;
  readonly msg: Buffer;
}
export interface BuildKitStatus {
  readonly vertexes: VertexStatus[];
  readonly statuses: StatusUpdate[];
  readonly logs: VertexLog[];
  readonly warnings: string[];
}

/** Decodes the base64 StatusResponse of a "moby.buildkit.trace" message. */
export function decodeStatus(base64: string): BuildKitStatus {
  const raw = decodeStatusResponse(Buffer.from(base64, 'base64'));
  return {
    vertexes: (raw.vertexes ?? []).map((v) => ({
      digest: v.digest ?? '',
      name: v.name ?? '',
      cached: v.cached ?? false,
      started: Boolean(v.started),
      completed: Boolean(v.completed),
      error: v.error ?? '',
    })),
    statuses: (raw.statuses ?? []).map((s) => ({ id: s.ID ?? '', name: s.name ?? '', completed: Boolean(s.completed) })),
    logs: (raw.logs ?? []).map((l) => ({ vertex: l.vertex ?? '', msg: Buffer.from(l.msg ?? []) })),
    warnings: (raw.warnings ?? []).map((w) => Buffer.from(w.short ?? []).toString('utf8')),
  };
}

// ---- Events. ----

/** How many output lines of the failing step a BuildError keeps (as for the classic builder). */
const KEPT_LINES = 20;
/** "[2/3] COPY …", "[base 1/3] RUN …", "[linux/amd64 build 4/7] RUN …"; not "[internal] load …". */
const STEP_VERTEX = /^\[(?:(.*?)\s+)?(\d+)\/(\d+)\]\s+([\s\S]*)$/;

interface Vertex {
  name: string;
  /** "stage n/m" parts when the vertex is a Dockerfile step. */
  step?: { stage: string; index: number; total: number; text: string };
  started: boolean;
  completed: boolean;
  error: string;
  partial: string;
  lines: string[];
}

/**
 * Turns BuildKit messages into line and step events; remembers what a BuildError needs. A step is
 * a vertex named "[stage n/m] …": its number is how many such vertexes have started so far, the
 * total the sum of the m of each stage seen (BuildKit numbers steps per stage; LABEL, CMD and the
 * like change only the image config and have no vertex). Other vertexes ("[internal] load …",
 * "exporting to image") show as one log line when they start.
 */
export class BuildKitOutputParser {
  private readonly vertexes = new Map<string, Vertex>();
  private readonly stageTotals = new Map<string, number>();
  private readonly doneStatuses = new Set<string>();
  private startedSteps = 0;
  private current: { vertex: Vertex; step: BuildStep } | undefined;
  private failed: { vertex: Vertex; step: BuildStep | undefined } | undefined;
  private other: string[] = [];
  private stepOf = new Map<Vertex, BuildStep>();
  builtId: string | undefined;

  constructor(private readonly emit: (event: BuildEvent) => void) {}

  /** Output lines of the failing (else the latest) step, or the latest other lines. */
  get lastLines(): readonly string[] {
    return (this.failed?.vertex ?? this.current?.vertex)?.lines ?? this.other;
  }

  push(message: JsonMessage): void {
    if (message.id === 'moby.image.id' && message.aux?.ID) {
      this.builtId = message.aux.ID;
      return;
    }
    const aux: unknown = message.aux;
    if (message.id === 'moby.buildkit.trace' && typeof aux === 'string') {
      this.status(decodeStatus(aux));
      return;
    }
    const text = message.stream ?? message.status ?? '';
    for (const line of text.split('\n')) if (line.trim()) this.otherLine(line.replace(/\r$/, ''));
  }

  flush(): void {
    for (const vertex of this.vertexes.values()) {
      if (vertex.partial) this.vertexLine(vertex, vertex.partial);
      vertex.partial = '';
    }
  }

  toError(what: string, failure: string, secrets: readonly string[]): BuildError {
    this.flush();
    const step = this.failed ? this.failed.step : this.current?.step;
    const where = step ? ` at step ${step.step}/${step.total} (${step.text})` : '';
    const message = redactSecrets(`${what} failed${where}: ${failure}`, secrets);
    return new BuildError(message, failure, step, this.lastLines.map((l) => redactSecrets(l, secrets)));
  }

  private status(status: BuildKitStatus): void {
    for (const update of status.vertexes) this.vertex(update);
    for (const log of status.logs) {
      const vertex = this.vertexes.get(log.vertex);
      if (!vertex) continue;
      vertex.partial += log.msg.toString('utf8');
      const parts = vertex.partial.split('\n');
      vertex.partial = parts.pop() ?? '';
      for (const line of parts) this.vertexLine(vertex, line.replace(/\r$/, ''));
    }
    for (const s of status.statuses) {
      // "writing image sha256:…" comes as an ID without name; a layer pull as "extracting" + digest.
      if (!s.completed || this.doneStatuses.has(s.id)) continue;
      this.doneStatuses.add(s.id);
      this.otherLine(s.name ? `${s.name} ${s.id}` : s.id);
    }
    for (const warning of status.warnings) this.otherLine(`WARNING: ${warning}`);
  }

  private vertex(update: VertexStatus): void {
    let vertex = this.vertexes.get(update.digest);
    if (!vertex) {
      const match = STEP_VERTEX.exec(update.name);
      vertex = { name: update.name, started: false, completed: false, error: '', partial: '', lines: [] };
      if (match) {
        vertex.step = { stage: match[1] ?? '', index: Number(match[2]), total: Number(match[3]), text: match[4] };
        this.stageTotals.set(vertex.step.stage, vertex.step.total);
      }
      this.vertexes.set(update.digest, vertex);
    }
    if (update.started && !vertex.started) {
      vertex.started = true;
      if (vertex.step) {
        const total = [...this.stageTotals.values()].reduce((a, b) => a + b, 0);
        const step: BuildStep = { step: ++this.startedSteps, total: Math.max(total, this.startedSteps), text: vertex.step.text };
        this.stepOf.set(vertex, step);
        this.current = { vertex, step };
        this.emit({ kind: 'step', ...step });
      } else {
        this.otherLine(update.name);
      }
    }
    if (update.completed && !vertex.completed) {
      vertex.completed = true;
      if (update.cached && vertex.step) this.emit({ kind: 'log', text: 'CACHED' });
    }
    if (update.error && !vertex.error) {
      vertex.error = update.error;
      if (!this.failed) this.failed = { vertex, step: this.stepOf.get(vertex) };
    }
  }

  private vertexLine(vertex: Vertex, line: string): void {
    vertex.lines.push(line);
    if (vertex.lines.length > KEPT_LINES) vertex.lines.shift();
    this.emit({ kind: 'log', text: line });
  }

  private otherLine(line: string): void {
    this.other.push(line);
    if (this.other.length > KEPT_LINES) this.other.shift();
    this.emit({ kind: 'log', text: line });
  }
}
