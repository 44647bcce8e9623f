// Answers the extension's questions in tests, and records them so a test can check that a
// destructive action asked first.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Prompts } from '../../src/ui/prompts';
import { activateExtension } from './helpers';

/** Presses Enter: the first item of a pick, the proposed value of an input box, "no" to a confirmation. */
export const DEFAULT = Symbol('the proposed answer');

export type Answer = boolean | string | undefined | typeof DEFAULT;

export class ScriptedPrompts implements Prompts {
  readonly asked: string[] = [];
  constructor(private readonly answers: Answer[]) {}

  async confirm(message: string, action: string): Promise<boolean> {
    this.asked.push(`confirm: ${message} [${action}]`);
    return this.next() === true;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.asked.push(`input: ${options.title ?? ''} ${options.prompt ?? ''}`.trim());
    const given = this.next();
    const answer = given === DEFAULT ? (options.value ?? '') : given;
    const problem = typeof answer === 'string' ? options.validateInput?.(answer) : undefined;
    assert.ok(!problem, `the input box refused ${JSON.stringify(answer)}: ${String(problem)}`);
    return answer === undefined ? undefined : String(answer);
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push(`pick: ${options.title ?? options.placeHolder ?? ''} (${items.map((i) => i.label).join(', ')})`);
    const answer = this.next();
    return answer === DEFAULT ? items[0] : items.find((i) => i.label === answer);
  }

  private next(): Answer {
    assert.ok(this.answers.length > 0, `an unexpected question: ${this.asked[this.asked.length - 1]}`);
    return this.answers.shift();
  }
}

/** Runs `body` with the extension's questions answered from `answers`; returns what was asked. */
export async function answering(answers: Answer[], body: () => Thenable<unknown>): Promise<string[]> {
  const api = await activateExtension();
  const prompts = new ScriptedPrompts(answers);
  api.testing.setPrompts(prompts);
  try {
    await body();
  } finally {
    api.testing.setPrompts(undefined);
  }
  return prompts.asked;
}
