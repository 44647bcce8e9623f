// File and name globs of the policy: `**` any number of path segments, `*` and `?` within one,
// `{a,b}` alternatives. Paths are matched with "/" separators, relative to the workspace folder.

const cache = new Map<string, RegExp>();

export function globMatches(glob: string, path: string): boolean {
  let regex = cache.get(glob);
  if (!regex) {
    regex = new RegExp(`^${globSource(glob)}$`);
    cache.set(glob, regex);
  }
  return regex.test(path.replace(/\\/g, '/').replace(/^\.\//, ''));
}

function globSource(glob: string): string {
  let out = '';
  let depth = 0;
  const pattern = glob.replace(/^\.\//, '');
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      // `**/` is zero or more whole segments; a trailing `**` is anything.
      out += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return out + ')'.repeat(depth);
}
