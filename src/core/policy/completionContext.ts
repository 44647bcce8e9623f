// Which keys fit where the cursor is in a policy file being typed, from indentation alone (the
// text is often not valid YAML yet): the nearest less-indented key above names the map.
import type { KeyContext } from './schema';

const CONTEXT_OF_PARENT: Readonly<Record<string, KeyContext>> = { rules: 'rule', suppressions: 'suppression', scan: 'scan', allowed: 'allowed' };

/** Undefined when the cursor is not where a key is written (a value, a comment). */
export function keyContextAt(lines: readonly string[], line: number, character: number): KeyContext | undefined {
  const before = (lines[line] ?? '').slice(0, character);
  const key = /^(\s*(?:-\s+)*)([\w-]*)$/.exec(before);
  if (!key) return undefined;
  let indent = key[1].length;
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const above = /^(\s*(?:-\s+)*)([\w-]+)\s*:/.exec(lines[i]);
    if (!above || lines[i].trimStart().startsWith('#')) continue;
    const aboveIndent = above[1].length;
    // Keys at our column (a list item's first key included) are siblings; less indented, a parent.
    if (aboveIndent < indent) {
      const context = CONTEXT_OF_PARENT[above[2]];
      if (context) return context;
      indent = aboveIndent;
    }
  }
  return indent === 0 ? 'top' : undefined;
}
