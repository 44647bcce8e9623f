// Image references in Dockerfiles/Containerfiles: FROM, COPY --from=<image>, RUN --mount=...,from=<image>.
// ARG values are substituted (global ARGs in FROM, stage ARGs inside a stage); stage names and
// `scratch` are not images. Handles line continuations, comments, heredocs and `# escape=`.
import { LineIndex } from './lineIndex';
import { makeReference } from './reference';
import { substitute, VariableLookup } from './substitute';
import { ImageReference, Scanner } from './types';

export const dockerfileScanner: Scanner = { kind: 'dockerfile', scan: scanDockerfile };

/** A piece of a logical line, copied from one physical line starting at `offset`. */
interface Segment {
  readonly logical: number;
  readonly offset: number;
}

interface Instruction {
  readonly keyword: string;
  readonly text: string;
  readonly segments: readonly Segment[];
  readonly firstLine: number;
}

interface Word {
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

const COMMENT_PREFIXES = ['#'];
/** Stands for a variable's unknown value while matching a name against stage names. */
const UNKNOWN_VALUE = '\u0000';

const MAX_STAGES_MATCHED = 256;

/** Whether `name` is `parts` joined by any (possibly empty) gaps: a glob with `*` between parts. */
function matchesWithGaps(name: string, parts: readonly string[]): boolean {
  if (parts.length === 1) return name === parts[0];
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i], at);
    if (found < 0 || found + parts[i].length > end) return false;
    at = found + parts[i].length;
  }
  return true;
}

export function scanDockerfile(text: string): ImageReference[] {
  const lines = new LineIndex(text);
  const scan = new DockerfileState(lines);
  for (const instruction of instructions(lines)) scan.handle(instruction);
  return scan.references;
}

class DockerfileState {
  readonly references: ImageReference[] = [];
  private readonly globalArgs = new Map<string, string | undefined>();
  private stageArgs: Map<string, string | undefined> | undefined;
  private readonly stageNames = new Set<string>();

  constructor(private readonly lines: LineIndex) {}

  handle(instruction: Instruction): void {
    const words = splitWords(instruction.text).slice(1);
    switch (instruction.keyword) {
      case 'ARG':
        this.declareArgs(words);
        break;
      case 'FROM':
        this.from(instruction, words);
        break;
      case 'COPY':
        for (const word of words) {
          if (!word.raw.startsWith('--')) break;
          if (word.raw.toLowerCase().startsWith('--from=')) this.source(instruction, word.start + 7, word.end);
        }
        break;
      case 'RUN':
        for (const word of words) {
          if (!word.raw.startsWith('--')) break;
          if (word.raw.toLowerCase().startsWith('--mount=')) this.mount(instruction, word);
        }
        break;
    }
  }

  private lookup(scope: Map<string, string | undefined>): VariableLookup {
    return (name) => scope.get(name);
  }

  private declareArgs(words: readonly Word[]): void {
    const scope = this.stageArgs ?? this.globalArgs;
    for (const word of words) {
      const eq = word.raw.indexOf('=');
      const name = eq < 0 ? word.raw : word.raw.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      if (eq < 0) {
        // Inside a stage, a bare ARG brings a global ARG's value into scope.
        scope.set(name, this.stageArgs ? this.globalArgs.get(name) : undefined);
        continue;
      }
      const substituted = substitute(unquote(word.raw.slice(eq + 1)), this.lookup(scope), { escape: 'backslash' });
      scope.set(name, substituted.value);
    }
  }

  private from(instruction: Instruction, words: readonly Word[]): void {
    const imageIndex = words.findIndex((word) => !word.raw.startsWith('--'));
    const image = words[imageIndex];
    if (image) {
      const resolved = substitute(unquote(image.raw), this.lookup(this.globalArgs), { escape: 'backslash' });
      const name = resolved.value?.toLowerCase();
      if (name !== 'scratch' && !(name !== undefined && this.stageNames.has(name)) && !(resolved.unresolved && this.namesStage(image.raw, this.globalArgs))) {
        this.report(instruction, image.start, image.end, resolved.value, resolved.unresolved);
      }
      const as = words[imageIndex + 1];
      const stage = words[imageIndex + 2];
      if (as?.raw.toLowerCase() === 'as' && stage) this.stageNames.add(stage.raw.toLowerCase());
    }
    this.stageArgs = new Map();
  }

  /** `--from=` of COPY or `from=` of a mount: a stage name, a stage index, or an image. */
  private source(instruction: Instruction, start: number, end: number): void {
    const raw = instruction.text.slice(start, end);
    const resolved = substitute(unquote(raw), this.lookup(this.stageArgs ?? this.globalArgs), { escape: 'backslash' });
    const name = resolved.value?.toLowerCase();
    if (name !== undefined && (name === '' || /^\d+$/.test(name) || this.stageNames.has(name) || name === 'scratch')) return;
    if (resolved.unresolved && this.namesStage(raw, this.stageArgs ?? this.globalArgs)) return;
    this.report(instruction, start, end, resolved.value, resolved.unresolved);
  }

  /**
   * Whether a name with variables that have no value here (often BuildKit's automatic platform
   * ARGs, `binaries-$TARGETOS`) can only become a stage: some value of them gives a stage's name.
   */
  private namesStage(raw: string, scope: Map<string, string | undefined>): boolean {
    if (this.stageNames.size === 0) return false;
    const lookup: VariableLookup = (name) => scope.get(name) ?? UNKNOWN_VALUE;
    const pattern = substitute(unquote(raw), lookup, { escape: 'backslash' }).value?.toLowerCase();
    if (pattern === undefined || pattern === UNKNOWN_VALUE || pattern.includes('/') || pattern.includes(':')) return false;
    const parts = pattern.split(UNKNOWN_VALUE);
    let checked = 0;
    for (const stage of this.stageNames) {
      // Real Dockerfiles have tens of stages; the cap keeps crafted ones linear.
      if (++checked > MAX_STAGES_MATCHED) break;
      if (matchesWithGaps(stage, parts)) return true;
    }
    return false;
  }

  private mount(instruction: Instruction, word: Word): void {
    let optionStart = word.start + '--mount='.length;
    for (const option of word.raw.slice('--mount='.length).split(',')) {
      if (option.toLowerCase().startsWith('from=')) this.source(instruction, optionStart + 5, optionStart + option.length);
      optionStart += option.length + 1;
    }
  }

  private report(instruction: Instruction, logicalStart: number, logicalEnd: number, resolved: string | undefined, unresolved: string | undefined): void {
    if (logicalEnd <= logicalStart) return;
    const start = toOffset(instruction.segments, logicalStart);
    const end = toOffset(instruction.segments, logicalEnd - 1) + 1;
    const line = this.lines.positionAt(start).line;
    const ignored = this.lines.isIgnoredBy(instruction.firstLine, COMMENT_PREFIXES) || this.lines.isIgnoredBy(line, COMMENT_PREFIXES);
    this.references.push(makeReference('dockerfile', this.lines, start, end, { resolved, unresolved, ignored }));
  }
}

// Binary search: a long continued instruction has many segments and may report many sources.
function toOffset(segments: readonly Segment[], logical: number): number {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid].logical <= logical) low = mid;
    else high = mid - 1;
  }
  const segment = segments[low];
  return segment.offset + (logical - segment.logical);
}

/** Logical lines (continuations joined, comments and heredoc bodies skipped) with their source segments. */
function* instructions(lines: LineIndex): Generator<Instruction> {
  const escape = escapeCharacter(lines);
  const continuation = new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*$`);
  let text = '';
  let segments: Segment[] = [];
  let firstLine = -1;
  // Pending heredoc terminators, consumed in order by advancing an index (no shift(): linear).
  let heredocEnds: string[] = [];
  let heredocAt = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const trimmed = raw.trim();
    if (heredocAt < heredocEnds.length) {
      if (trimmed === heredocEnds[heredocAt]) heredocAt++;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = continuation.exec(raw);
    const content = match ? raw.slice(0, match.index) : raw;
    if (firstLine < 0) firstLine = line;
    segments.push({ logical: text.length, offset: lines.lineStart(line) });
    text += content;
    if (match) {
      text += ' '; // a continuation separates words like a space would
      if (line < lines.lineCount - 1) continue;
    }
    const keyword = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? '';
    yield { keyword, text, segments, firstLine };
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      heredocEnds = heredocTerminators(text);
      heredocAt = 0;
    }
    text = '';
    segments = [];
    firstLine = -1;
  }
}

function heredocTerminators(text: string): string[] {
  const ends: string[] = [];
  for (const match of text.matchAll(/<<-?\s*(["']?)([A-Za-z_][\w.-]*)\1/g)) ends.push(match[2]);
  return ends;
}

// Parser directives are comment lines at the very top; only `escape` matters here.
function escapeCharacter(lines: LineIndex): '\\' | '`' {
  let escape: '\\' | '`' = '\\';
  for (let line = 0; line < lines.lineCount; line++) {
    const directive = /^\s*#\s*([A-Za-z][\w-]*)\s*=\s*(\S*)\s*$/.exec(lines.lineText(line));
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
  }
  return escape;
}

/** Whitespace-separated words; quotes keep spaces inside a word. */
function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    while (i < text.length) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ' ' || c === '\t') break;
      i++;
    }
    words.push({ raw: text.slice(start, i), start, end: i });
  }
  return words;
}

function unquote(value: string): string {
  return value.replace(/"([^"]*)"|'([^']*)'/g, (_match, double: string | undefined, single: string | undefined) => double ?? single ?? '');
}
