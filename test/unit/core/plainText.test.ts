import * as assert from 'node:assert/strict';
import { NOTIFICATION_MAX_LENGTH, PROGRESS_TITLE_MAX_LENGTH, plainText, progressTitle } from '../../../src/core/plainText';

// What VS Code's notification renderer turns into a link: `[label](target)` with `](` adjacent.
const LINK = /\[[^\]]+\]\((?:https?:|command:|file:)/i;

describe('plain text for notifications', () => {
  const hostile = 'denied: [Sign in again](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20x%7Csh%5Cn%22%7D)';

  it('keeps the words of a markdown link but breaks the link', () => {
    const shown = plainText(hostile);
    assert.ok(!LINK.test(shown), shown);
    assert.ok(shown.startsWith('denied: [Sign in again] (command:'), shown);
  });

  it('breaks http, file and titled links, and links split over lines', () => {
    for (const text of ['[a](https://x.example/)', '[a](file:///etc/passwd)', '[a](command:x "title")', '[a]\n(command:x)', '[[a]](command:x)']) {
      assert.ok(!LINK.test(plainText(text)), plainText(text));
    }
  });

  it('collapses line breaks and drops control and bidi characters', () => {
    assert.equal(plainText('  one\r\n\n two\tthree \u0007\u202efour  '), 'one two three four');
  });

  it('caps the length with an ellipsis, never cutting a character in two', () => {
    const long = 'x'.repeat(5000);
    assert.equal(plainText(long).length, NOTIFICATION_MAX_LENGTH);
    assert.ok(plainText(long).endsWith('…'));
    const emoji = '😀'.repeat(20);
    const cut = plainText(emoji, 10);
    assert.equal(Array.from(cut).length, 10);
    assert.ok(!/[\ud800-\udbff]…$/.test(cut));
    assert.equal(plainText('short', 10), 'short');
  });
});

describe('progress titles', () => {
  it('a repository name or tag from the endpoint carrying a link, line breaks or great length becomes one short plain line', () => {
    const title = progressTitle(`Push evil/[Open](command:workbench.action.terminal.new)\n\nrepo:${'x'.repeat(1000)}`);
    assert.ok(!/\[[^\]]+\]\((?:https?:|command:|file:)/i.test(title), title);
    assert.ok(title.startsWith('Push evil/[Open] (command:workbench.action.terminal.new) repo:x'), title);
    assert.equal(Array.from(title).length, PROGRESS_TITLE_MAX_LENGTH);
    assert.equal(progressTitle('Deleting repository web'), 'Deleting repository web');
  });
});
