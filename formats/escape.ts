/**
 * Escaping a module's strings for the terminal. Export, import, function and custom section
 * names are arbitrary UTF-8: printed raw, a `\n` forges an output line and ESC or BEL sends
 * terminal escape sequences. Every control character (C0, DEL, C1) and every Unicode line
 * separator or bidirectional control becomes an escape in the text format's syntax: `\n`,
 * `\r`, `\t`, else `\u{hex}`. Everything else, backslashes included, is kept as it is, so
 * ordinary names read unchanged. Used for every line kiln writes that may hold such a string.
 */

/** C0, DEL, C1; U+2028/U+2029 line and paragraph separators; bidi embeddings, overrides, isolates, marks */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => SHORT[c] ?? `\\u{${(c.codePointAt(0) as number).toString(16)}}`);
}
