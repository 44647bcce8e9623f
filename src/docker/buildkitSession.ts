// The gRPC session a BuildKit build talks back to (POST /session, upgraded to h2c). It serves one
// service, moby.filesync.v1.Auth/Credentials, so that BuildKit can pull base images from private
// registries with credentials, per host (ECR's login token, docker config.json's for the others);
// they never leave this process otherwise.
// The context travels as the request's tar, so no file-sync service is needed.
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type Docker from 'dockerode';
import type { RegistryCredentials } from './ecrAuth';
import { decodeCredentialsRequest, decodeCredentialsResponse, encodeCredentialsRequest, encodeCredentialsResponse } from './protobuf';
import { errorMessage, toError } from '../core/errors';

export interface BuildKitSession {
  readonly id: string;
  /** Stops the gRPC server and closes the connection (idempotent). */
  close(): void;
}

interface CredentialsRequest {
  readonly host: string;
}
interface CredentialsResponse {
  readonly username: string;
  readonly secret: string;
}

const CREDENTIALS_METHOD = '/moby.filesync.v1.Auth/Credentials';
const HEALTH_METHOD = '/grpc.health.v1.Health/Check';
/** HealthCheckResponse { status: SERVING }: field 1, varint 1. */
const SERVING = Buffer.from([0x08, 0x01]);

/**
 * The engine checks the session's health every second and drops a session that does not answer,
 * so without this a credentials lookup slower than a second (a helper's unlock prompt) or a busy
 * engine ends the build with "no active session".
 */
const HEALTH_SERVICE: grpc.ServiceDefinition = {
  Check: {
    path: HEALTH_METHOD,
    requestStream: false,
    responseStream: false,
    requestSerialize: (request: Buffer) => request,
    requestDeserialize: (bytes: Buffer) => bytes,
    responseSerialize: (response: Buffer) => response,
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

/** moby.filesync.v1.Auth with its one method that matters here, written out instead of loaded from a .proto. */
const AUTH_SERVICE: grpc.ServiceDefinition = {
  Credentials: {
    path: CREDENTIALS_METHOD,
    requestStream: false,
    responseStream: false,
    requestSerialize: (request: CredentialsRequest) => encodeCredentialsRequest(request.host),
    requestDeserialize: (bytes: Buffer): CredentialsRequest => decodeCredentialsRequest(bytes),
    responseSerialize: (response: CredentialsResponse) => encodeCredentialsResponse(response.username, response.secret),
    responseDeserialize: (bytes: Buffer): CredentialsResponse => decodeCredentialsResponse(bytes),
  },
};

/** Opens a session whose Credentials answers come from `credentials` (anonymous when undefined). */
export function openSession(docker: Docker, credentials: RegistryCredentials | undefined): Promise<BuildKitSession> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/session',
        method: 'POST',
        hijack: true,
        headers: {
          Upgrade: 'h2c',
          'X-Docker-Expose-Session-Uuid': id,
          'X-Docker-Expose-Session-Name': 'ecr-explorer',
          'X-Docker-Expose-Session-Grpc-Method': [CREDENTIALS_METHOD, HEALTH_METHOD],
        },
        statusCodes: { 101: true, 200: true, 500: 'server error' },
      },
      (error: unknown, socket: unknown) => {
        if (error) return reject(toError(error));
        const server = new grpc.Server();
        server.addService(AUTH_SERVICE, { Credentials: answerCredentials(credentials) });
        server.addService(HEALTH_SERVICE, { Check: (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => callback(null, SERVING) });
        server.createConnectionInjector(grpc.ServerCredentials.createInsecure()).injectConnection(socket as Socket);
        let closed = false;
        resolve({
          id,
          close: () => {
            if (closed) return;
            closed = true;
            server.forceShutdown();
            (socket as Socket).end();
          },
        });
      },
    );
  });
}

function answerCredentials(credentials: RegistryCredentials | undefined): grpc.handleUnaryCall<CredentialsRequest, CredentialsResponse> {
  return (call, callback) => {
    const host = call.request.host;
    (credentials ? credentials(host) : Promise.resolve(undefined)).then(
      // An identity token goes alone, as the secret (as the docker CLI answers).
      (auth) => callback(null, auth?.identitytoken ? { username: '', secret: auth.identitytoken } : { username: auth?.username ?? '', secret: auth?.password ?? '' }),
      // BuildKit fails the pull with this message, which beats an anonymous attempt's "401".
      (error: unknown) => callback({ code: grpc.status.UNAVAILABLE, details: `no credentials for ${host}: ${errorMessage(error)}` }),
    );
  };
}
