// What "Build, Tag and Push" keeps in workspaceState (a plain file on disk): build arg names, no values.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { recall, remember } from '../../../src/push/memory';

/** workspaceState's interface over a Map; `raw` is what would be written to disk. */
class MapMemento implements vscode.Memento {
  readonly raw = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.raw.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.raw.has(key) ? (this.raw.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.raw.set(key, value);
  }
}

describe('push/memory', () => {
  it('remembers build arg names without their values, secret-looking or not', async () => {
    const state = new MapMemento();
    await remember(state, '/w/Dockerfile', { tags: ['latest'], buildArgs: { VERSION: '1.2', NPM_AUTH: 'npm_abcdefgh', MODE: 'prod' } });
    const disk = JSON.stringify([...state.raw.values()]);
    for (const value of ['1.2', 'npm_abcdefgh', 'prod']) assert.ok(!disk.includes(value), `${value} reached workspace state: ${disk}`);
    assert.deepEqual(recall(state, '/w/Dockerfile'), { tags: ['latest'], buildArgNames: ['VERSION', 'NPM_AUTH', 'MODE'] });
  });

  it('rewrites an entry an older version stored with values', async () => {
    const state = new MapMemento();
    state.raw.set('ecr.buildTagPush:/w/Dockerfile', { target: 'final', buildArgs: { GIT_USER: 'alice-plain' } });
    assert.deepEqual(recall(state, '/w/Dockerfile'), { target: 'final', buildArgNames: ['GIT_USER'] });
    assert.ok(!JSON.stringify([...state.raw.values()]).includes('alice-plain'), 'the stored value is gone');
  });

  it('keeps values when the user asked for it, never those of secret-looking names', async () => {
    const state = new MapMemento();
    await remember(state, '/w/Dockerfile', { buildArgs: { VERSION: '1.2', NPM_TOKEN: 'npm_abcdefgh', DB_PASSWORD: 'hunter2-x' } }, true);
    const disk = JSON.stringify([...state.raw.values()]);
    for (const value of ['npm_abcdefgh', 'hunter2-x']) assert.ok(!disk.includes(value), `${value} reached workspace state: ${disk}`);
    assert.deepEqual(recall(state, '/w/Dockerfile'), { buildArgNames: ['VERSION', 'NPM_TOKEN', 'DB_PASSWORD'], buildArgValues: { VERSION: '1.2' } });
    // Turned off again: the next run forgets the values it had.
    await remember(state, '/w/Dockerfile', { buildArgs: { VERSION: '1.3' } }, false);
    assert.deepEqual(recall(state, '/w/Dockerfile'), { buildArgNames: ['VERSION'] });
  });
});
