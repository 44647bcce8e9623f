// How scanners get their syntax trees: YAML through the quick block reader when it models the text,
// through `yaml` otherwise or as soon as a scanner reads a part the quick reader only skipped.
import { parseBlockYaml } from './blockYaml';
import { NeedsFullParse } from './quickNodes';
import { looksLikeJson, ParsedDocuments, parseDocuments } from './tree';

/** Runs `read` on the documents of `text`; `read` must be pure, since it may run twice. */
export type DocumentReader = <T>(text: string, read: (documents: ParsedDocuments) => T) => T;

/** The reference: every document through `yaml` (or `jsonc-parser`). */
export const readFully: DocumentReader = (text, read) => read(parseDocuments(text));

export const readQuickly: DocumentReader = (text, read) => {
  const quick = looksLikeJson(text) ? undefined : parseBlockYaml(text);
  if (quick) {
    try {
      return read(quick);
    } catch (error) {
      if (!(error instanceof NeedsFullParse)) throw error;
    }
  }
  return readFully(text, read);
};
