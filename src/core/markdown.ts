// Makes strings from the network (findings, tags, descriptions) safe inside a VS Code MarkdownString:
// no markdown structure, no HTML, no links other than http(s).
import { isSha256Digest } from './imageRef';

const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~=:]/g;
// Control characters other than tab and line breaks would only confuse the renderer.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Escapes `text` so it renders literally: markdown punctuation gets a backslash, `<`, `>` and `&`
 * become entities (so no HTML is rendered), and lines lose their indentation (which would make code blocks).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimStart())
    .join('\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/** The URL, normalised, when its scheme is http or https; undefined otherwise (javascript:, command:, data:, ...). */
export function safeHttpsUrl(url: string | undefined): string | undefined {
  if (typeof url !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
}

/** `[label](url)` with an escaped label, or just the escaped label when the URL is not http(s). */
export function markdownLink(label: string, url: string | undefined): string {
  const safe = safeHttpsUrl(url);
  if (!safe) return escapeMarkdown(label);
  const target = safe.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${target})`;
}

/**
 * A digest as a code span, whole or shortened to 12 hex digits; anything that is not `sha256:` and
 * 64 hex digits (a hostile endpoint could send blank lines and HTML) becomes the words "invalid digest".
 */
export function digestCode(digest: string | undefined, short = false): string {
  if (digest === undefined || digest === '') return '';
  if (!isSha256Digest(digest)) return '*invalid digest*';
  return `\`${short ? digest.slice(0, 'sha256:'.length + 12) : digest}\``;
}
