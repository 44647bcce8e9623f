// Where the usual Docker-compatible engines put their API socket, tried in turn when nothing
// (setting, DOCKER_HOST, current context) names one and the platform default does not answer.
import { join } from 'node:path';

export interface KnownSocket {
  /** Who creates it, for messages: "Colima", "Podman (rootless)", ... */
  readonly owner: string;
  readonly host: string;
}

export const WINDOWS_DEFAULT_HOST = 'npipe:////./pipe/docker_engine';
export const UNIX_DEFAULT_HOST = 'unix:///var/run/docker.sock';

export function platformDefaultHost(platform: NodeJS.Platform): string {
  return platform === 'win32' ? WINDOWS_DEFAULT_HOST : UNIX_DEFAULT_HOST;
}

export function knownSockets(platform: NodeJS.Platform, home: string, env: NodeJS.ProcessEnv): KnownSocket[] {
  if (platform === 'win32') {
    // Docker Desktop and Rancher Desktop both serve docker_engine; Podman names its machine's pipe.
    return [{ owner: 'Podman machine', host: 'npipe:////./pipe/podman-machine-default' }];
  }
  const unix = (owner: string, path: string): KnownSocket => ({ owner, host: `unix://${path}` });
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const colimaHome = env.COLIMA_HOME || join(home, '.colima');
  return [
    unix('Docker Desktop', join(home, '.docker', 'run', 'docker.sock')),
    unix('Docker Desktop (Linux)', join(home, '.docker', 'desktop', 'docker.sock')),
    unix('Colima', join(colimaHome, 'default', 'docker.sock')),
    unix('OrbStack', join(home, '.orbstack', 'run', 'docker.sock')),
    unix('Rancher Desktop', join(home, '.rd', 'docker.sock')),
    ...(runtimeDir ? [unix('rootless Docker', join(runtimeDir, 'docker.sock')), unix('Podman (rootless)', join(runtimeDir, 'podman', 'podman.sock'))] : []),
    unix('Podman', '/run/podman/podman.sock'),
    unix('Podman machine', join(home, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock')),
  ];
}
