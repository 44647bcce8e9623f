// The short commit id of the folder's git repository, offered as a default tag.
import { execFile } from 'node:child_process';

/** `git rev-parse --short HEAD` in `folder`; undefined outside a repository or without git. */
export function gitShortSha(folder: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', '--short', 'HEAD'], { cwd: folder, timeout: 5000 }, (error, stdout) => {
      const sha = stdout.trim();
      resolve(error || !/^[0-9a-f]{4,40}$/.test(sha) ? undefined : sha);
    });
  });
}
