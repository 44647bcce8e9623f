// .dockerignore cases with what Docker sends: each is checked against our packer (dockerignore.test.ts)
// and, through the real docker CLI, against Docker itself (dockerignoreCli.test.ts).
export interface IgnoreCase {
  readonly title: string;
  readonly dockerignore: string;
  /** Files in the context (besides Dockerfile and .dockerignore). */
  readonly files: readonly string[];
  /** The files Docker sends. */
  readonly sent: readonly string[];
}

/** Takes @balena/dockerignore minutes against the patterns below; Docker (RE2) and we take microseconds. */
const A40 = 'a'.repeat(40);
const DEEP = `${'a/'.repeat(20)}`;

export const IGNORE_CASES: readonly IgnoreCase[] = [
  {
    title: 'a root pattern, an exception, a comment',
    dockerignore: '# logs stay out\n*.log\n!keep.log\n',
    files: ['a.log', 'keep.log', 'sub/a.log', 'x.txt'],
    sent: ['keep.log', 'sub/a.log', 'x.txt'],
  },
  {
    title: '"**/" reaches every depth',
    dockerignore: '**/*.log\n',
    files: ['a.log', 'sub/a.log', 'sub/deep/b.log', 'sub/c.txt'],
    sent: ['sub/c.txt'],
  },
  {
    title: 'trailing and leading slashes, "./"; a match on a folder takes its files',
    dockerignore: 'build/\n/secret\n./tmp\n',
    files: ['build/x', 'buildx', 'secret', 'sub/secret', 'tmp/y'],
    sent: ['buildx', 'sub/secret'],
  },
  {
    title: '"**" followed by plain text matches as a string suffix (Docker\'s quirk)',
    dockerignore: '**foo\n',
    files: ['barfoo', 'x/foo', 'foo', 'x/barfoo', 'foox'],
    sent: ['foox'],
  },
  {
    title: '"?", classes, negated classes, an escaped star',
    dockerignore: 'a?c\n[a-c]x\n[^a]y\nd\\*e\n',
    files: ['abc', 'a/c', 'bx', 'dx', 'ay', 'by', 'd*e', 'dxe'],
    sent: ['a/c', 'ay', 'dx', 'dxe'],
  },
  {
    title: 'an exception inside an ignored folder; a later line wins',
    dockerignore: 'docs\n!docs/keep.md\n*.txt\n!*.txt\nimportant.txt\n',
    files: ['docs/a.md', 'docs/keep.md', 'docs/sub/b.md', 'important.txt', 'other.txt'],
    sent: ['docs/keep.md', 'other.txt'],
  },
  {
    title: 'a pattern matching a parent folder',
    dockerignore: '*/*/deep\n',
    files: ['x/y/deep/file', 'x/deep', 'x/y/deeper'],
    sent: ['x/deep', 'x/y/deeper'],
  },
  {
    title: 'patterns that backtrack in a JavaScript RegExp',
    dockerignore: '**/**/**/**/**/**/**/**/**/**/**/**/x\na*a*a*a*a*a*a*a*a*a*a*a*b\n',
    files: [A40, `${A40}c`, 'x', 'q/w/x', 'aab', `${'a'.repeat(12)}b`, `${DEEP}y`, `${DEEP}x`],
    sent: [A40, `${A40}c`, `${DEEP}y`, 'aab'],
  },
];
