// Shell-style variable substitution as Dockerfiles (ARG) and compose files use it:
// $X, ${X}, ${X:-default}, ${X-default}, ${X:+alt}, ${X+alt}, ${X:?message}, ${X?message}.
// A variable whose value is unknown makes the whole string unresolved, with the reason.

/** The value of a variable, or undefined when it has none here (not declared, or given only at build/run time). */
export type VariableLookup = (name: string) => string | undefined;

export type Substitution = { readonly value: string; readonly unresolved?: undefined } | { readonly value?: undefined; readonly unresolved: string };

export interface SubstitutionOptions {
  /** How a literal `$` is written: `$$` in compose, `\$` in Dockerfiles. */
  readonly escape: 'dollar' | 'backslash';
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

const MAX_NESTING = 32;
/** Values that reuse variables can double per line (`ARG B=$A$A`); no image is this long. */
export const MAX_SUBSTITUTED_LENGTH = 4096;

class Unresolved {
  constructor(readonly reason: string) {}
}

export function hasVariables(text: string): boolean {
  return text.includes('$');
}

export function substitute(text: string, lookup: VariableLookup, options: SubstitutionOptions): Substitution {
  if (!hasVariables(text)) return { value: text };
  const parser = new Parser(text, lookup, options);
  try {
    const value = parser.word(false);
    return { value };
  } catch (error) {
    if (error instanceof Unresolved) return { unresolved: error.reason };
    throw error;
  }
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly lookup: VariableLookup,
    private readonly options: SubstitutionOptions,
  ) {}

  /** Reads until the end, or until an unmatched `}` when inside `${...}`. */
  word(insideBraces: boolean): string {
    let out = '';
    const text = this.text;
    while (this.at < text.length) {
      if (out.length > MAX_SUBSTITUTED_LENGTH) throw new Unresolved(`expands to more than ${MAX_SUBSTITUTED_LENGTH} characters`);
      const c = text[this.at];
      if (insideBraces && c === '}') return out;
      if (this.options.escape === 'backslash' && c === '\\' && text[this.at + 1] === '$') {
        out += '$';
        this.at += 2;
      } else if (c === '$' && this.options.escape === 'dollar' && text[this.at + 1] === '$') {
        out += '$';
        this.at += 2;
      } else if (c === '$' && text[this.at + 1] === '{') {
        out += this.braced();
      } else if (c === '$' && NAME_START.test(text[this.at + 1] ?? '')) {
        this.at++;
        const name = this.name();
        out += this.required(name);
      } else {
        out += c;
        this.at++;
      }
    }
    if (insideBraces) throw new Unresolved('has a "${" without its closing "}"');
    if (out.length > MAX_SUBSTITUTED_LENGTH) throw new Unresolved(`expands to more than ${MAX_SUBSTITUTED_LENGTH} characters`);
    return out;
  }

  private name(): string {
    const start = this.at;
    while (this.at < this.text.length && NAME_CHAR.test(this.text[this.at])) this.at++;
    return this.text.slice(start, this.at);
  }

  private braced(): string {
    if (++this.depth > MAX_NESTING) throw new Unresolved('nests "${...}" too deeply');
    this.at += 2;
    const name = this.name();
    if (name.length === 0 || !NAME_START.test(name[0])) throw new Unresolved('has a "${...}" without a valid variable name');
    const rest = this.text.slice(this.at);
    const operator = /^(:-|-|:\+|\+|:\?|\?)/.exec(rest)?.[0];
    if (operator === undefined) {
      if (this.at >= this.text.length) throw new Unresolved('has a "${" without its closing "}"');
      if (this.text[this.at] !== '}') throw new Unresolved(`has an unsupported form of \${${name}...}`);
      this.at++;
      this.depth--;
      return this.required(name);
    }
    this.at += operator.length;
    const operand = this.word(true);
    this.at++; // the closing brace, which word(true) stopped at
    this.depth--;
    const value = this.lookup(name);
    const useValue = operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    switch (operator) {
      case ':-':
      case '-':
        return useValue ? (value as string) : operand;
      case ':+':
      case '+':
        if (value === undefined) throw new Unresolved(`uses variable \${${name}} with no value here (its value decides the result)`);
        return useValue ? operand : '';
      default:
        if (!useValue) throw new Unresolved(`requires variable \${${name}}${operand ? `: ${operand}` : ''}`);
        return value as string;
    }
  }

  private required(name: string): string {
    const value = this.lookup(name);
    if (value === undefined) throw new Unresolved(`uses variable \${${name}} with no default`);
    return value;
  }
}
