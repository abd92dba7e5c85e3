/**
 * Entry names of an app package zip: decoding them (UTF-8 when flag bit 11 says so, otherwise
 * only ASCII is accepted, since the legacy code page 437 reading is never what an app author
 * meant), the rules a safe relative path must follow, and quoting a name for an error message
 * so that control characters, bidirectional overrides and undecodable bytes are visible.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** the name as a string, or null when its bytes are not valid UTF-8 (or not ASCII when !utf8) */
export function decodeName(bytes: Uint8Array, utf8: boolean): string | null {
  if (!utf8 && bytes.some((b) => b >= 0x80)) return null;
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** characters JSON.stringify leaves alone that could still hide or reorder text on a terminal */
const INVISIBLE = /[\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** the name in double quotes, every control or invisible character escaped */
export function quoteName(name: string): string {
  return JSON.stringify(name).replace(INVISIBLE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** undecodable name bytes in double quotes: printable ASCII as is, any other byte as \xNN */
export function quoteBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) s += '\\' + String.fromCharCode(b);
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += '\\x' + b.toString(16).padStart(2, '0');
  }
  return `"${s}"`;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const DRIVE = /^[A-Za-z]:/;

/** what makes a path component unsafe, or null */
function componentProblem(part: string): string | null {
  if (part === '') return 'the path has an empty component';
  if (part === '..') return 'the path leaves the package';
  if (part === '.') return "the path has a '.' component";
  return null;
}

/**
 * Why `name` is not a safe relative path inside a package, or null when it is. A directory
 * entry's name ends in one '/', which is not a component; every other '/' separates two
 * non-empty components, none of them '.' or '..'.
 */
export function nameProblem(name: string): string | null {
  if (CONTROL.test(name)) return 'the name holds a control character';
  if (name === '') return 'the name is empty';
  if (name.startsWith('/') || DRIVE.test(name)) return 'the path is absolute';
  if (name.includes('\\')) return 'the name holds a backslash';
  const path = name.endsWith('/') ? name.slice(0, -1) : name;
  for (const part of path.split('/')) {
    const problem = componentProblem(part);
    if (problem !== null) return problem;
  }
  return null;
}

/** the directories that contain `path` ("a/b/c" → "a", "a/b"), without trailing slashes */
export function parentDirs(path: string): string[] {
  const dirs: string[] = [];
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) dirs.push(path.slice(0, i));
  return dirs;
}

/** compares two names by their UTF-8 bytes (the order a zip's entries are written in) */
export function compareUtf8(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
