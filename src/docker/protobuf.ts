// BuildKit's messages (status updates, registry credentials) through protobufjs, already in the
// docker bundle through dockerode's gRPC session code. Only the fields read or written here are
// declared, with their numbers from BuildKit's control.proto and auth.proto, so no .proto file
// or code generator travels with the extension.
import * as protobuf from 'protobufjs/light';

const fields = (spec: Record<string, [type: string, id: number, rule?: 'repeated']>): protobuf.INamespace =>
  ({ fields: Object.fromEntries(Object.entries(spec).map(([name, [type, id, rule]]) => [name, { type, id, rule }])) }) as protobuf.INamespace;

const root = protobuf.Root.fromJSON({
  nested: {
    Timestamp: fields({ seconds: ['int64', 1], nanos: ['int32', 2] }),
    StatusResponse: fields({ vertexes: ['Vertex', 1, 'repeated'], statuses: ['VertexStatus', 2, 'repeated'], logs: ['VertexLog', 3, 'repeated'], warnings: ['VertexWarning', 4, 'repeated'] }),
    Vertex: fields({ digest: ['string', 1], name: ['string', 3], cached: ['bool', 4], started: ['Timestamp', 5], completed: ['Timestamp', 6], error: ['string', 7] }),
    VertexStatus: fields({ ID: ['string', 1], name: ['string', 3], completed: ['Timestamp', 8] }),
    VertexLog: fields({ vertex: ['string', 1], msg: ['bytes', 4] }),
    VertexWarning: fields({ short: ['bytes', 3] }),
    CredentialsRequest: fields({ Host: ['string', 1] }),
    CredentialsResponse: fields({ Username: ['string', 1], Secret: ['string', 2] }),
  },
});

/** moby.buildkit.v1.StatusResponse as decoded: unset fields are absent. */
export interface RawStatus {
  readonly vertexes?: { digest?: string; name?: string; cached?: boolean; started?: object | null; completed?: object | null; error?: string }[];
  readonly statuses?: { ID?: string; name?: string; completed?: object | null }[];
  readonly logs?: { vertex?: string; msg?: Uint8Array }[];
  readonly warnings?: { short?: Uint8Array }[];
}

export function decodeStatusResponse(bytes: Uint8Array): RawStatus {
  return root.lookupType('StatusResponse').decode(bytes) as RawStatus;
}

export function encodeCredentialsRequest(host: string): Buffer {
  return Buffer.from(root.lookupType('CredentialsRequest').encode({ Host: host }).finish());
}

export function decodeCredentialsRequest(bytes: Uint8Array): { host: string } {
  const { Host } = root.lookupType('CredentialsRequest').decode(bytes) as { Host?: string };
  return { host: Host ?? '' };
}

export function encodeCredentialsResponse(username: string, secret: string): Buffer {
  return Buffer.from(root.lookupType('CredentialsResponse').encode({ Username: username, Secret: secret }).finish());
}

export function decodeCredentialsResponse(bytes: Uint8Array): { username: string; secret: string } {
  const { Username, Secret } = root.lookupType('CredentialsResponse').decode(bytes) as { Username?: string; Secret?: string };
  return { username: Username ?? '', secret: Secret ?? '' };
}
