// A reader finds a command from its id in one hop: `ecr.<name>` lives in src/commands/<name>.ts.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The worktree, found from the compiled test's location (out/test/unit/commands). */
const ROOT = resolve(__dirname, '../../../..');
const COMMANDS = resolve(ROOT, 'src/commands');
/** Files in src/commands that are not commands: the registration list and the shared argument helpers. */
const NOT_COMMANDS = new Set(['index.ts', 'nodeArgs.ts', 'replicationArgs.ts', 'registrySettingsArgs.ts', 'creationTemplateArgs.ts']);

function contributedNames(): string[] {
  const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  return manifest.contributes.commands.map((c) => c.command.replace(/^ecr\./, ''));
}

describe('Command files', () => {
  it('has src/commands/<name>.ts for every contributed command ecr.<name>', () => {
    const missing = contributedNames().filter((name) => !existsSync(resolve(COMMANDS, `${name}.ts`)));
    assert.deepEqual(missing, []);
  });

  it('has no file in src/commands that is not a contributed command', () => {
    const names = new Set(contributedNames());
    const strays = readdirSync(COMMANDS).filter((file) => !NOT_COMMANDS.has(file) && !names.has(file.replace(/\.ts$/, '')));
    assert.deepEqual(strays, []);
  });

  it('registers every command file in src/commands/index.ts', () => {
    const index = readFileSync(resolve(COMMANDS, 'index.ts'), 'utf8');
    const unregistered = contributedNames().filter((name) => !index.includes(`from './${name}';`));
    assert.deepEqual(unregistered, []);
  });
});
