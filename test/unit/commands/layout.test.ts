// A reader finds a command from its id in one hop: `ecr.<name>` lives in src/commands/<name>.ts.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The worktree, found from the compiled test's location (out/test/unit/commands). */
const ROOT = resolve(__dirname, '../../../..');
const COMMANDS = resolve(ROOT, 'src/commands');
/** Files in src/commands that are not commands: the registration list, the bodies' bundle and the shared argument helpers. */
const NOT_COMMANDS = new Set(['index.ts', 'bodies.ts', 'nodeArgs.ts', 'replicationArgs.ts', 'registrySettingsArgs.ts', 'creationTemplateArgs.ts']);

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

  it('registers every contributed command in src/commands/index.ts, and no other', () => {
    const index = readFileSync(resolve(COMMANDS, 'index.ts'), 'utf8');
    const list = /export const COMMAND_NAMES = \[([^\]]*)\] as const;/.exec(index)?.[1] ?? '';
    const registered = [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]);
    assert.deepEqual([...registered].sort(), contributedNames().sort());
  });

  it('has the body of every command file in src/commands/bodies.ts (dist/commands.js)', () => {
    const bodies = readFileSync(resolve(COMMANDS, 'bodies.ts'), 'utf8');
    const missing = contributedNames().filter((name) => !bodies.includes(`from './${name}';`));
    assert.deepEqual(missing, []);
  });

  it('gives each command file the id ecr.<name> (bodies are found by name when they first run)', () => {
    // Hover links use the ids in LANGUAGE_COMMANDS; a command file may name its id that way.
    const links = readFileSync(resolve(ROOT, 'src/language/links.ts'), 'utf8');
    const constants = new Map([...links.matchAll(/^\s+(\w+): '(ecr\.\w+)',$/gm)].map((m) => [`LANGUAGE_COMMANDS.${m[1]}`, m[2]]));
    const wrong = contributedNames().filter((name) => {
      const id = /\bid: ('ecr\.\w+'|LANGUAGE_COMMANDS\.\w+),/.exec(readFileSync(resolve(COMMANDS, `${name}.ts`), 'utf8'))?.[1] ?? '';
      return (id.startsWith("'") ? id.slice(1, -1) : constants.get(id)) !== `ecr.${name}`;
    });
    assert.deepEqual(wrong, []);
  });
});
