/**
 * The rules for the manifest's strings: app names, versions (Semantic Versioning 2.0.0 §2, §9,
 * §10), paths inside the package, guest paths of directory grants, descriptions, environment
 * variables and arguments. Each rule takes the text and returns null when it is acceptable, or the
 * problem as the rest of an error message ("expected ..., got ..."); the manifest parser puts the
 * key path and line in front.
 */

/** Unicode general category Cc: C0 controls, DEL and C1 controls. */
const CONTROL = /\p{Cc}/u;

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

const NUMERIC_ID = '(?:0|[1-9][0-9]*)';
const PRE_RELEASE_ID = `(?:${NUMERIC_ID}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)`;
const BUILD_ID = '[0-9A-Za-z-]+';
const SEMVER = new RegExp(
  `^${NUMERIC_ID}\\.${NUMERIC_ID}\\.${NUMERIC_ID}` +
    `(?:-${PRE_RELEASE_ID}(?:\\.${PRE_RELEASE_ID})*)?` +
    `(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?$`,
);

export const MAX_DESCRIPTION_CHARS = 1000;

/** A rule: [the text is wrong when this holds, and this says why]. */
type Rule = readonly [wrong: (text: string) => boolean, why: string];

function firstProblem(rules: readonly Rule[], text: string): string | null {
  return rules.find(([wrong]) => wrong(text))?.[1] ?? null;
}

const quote = (text: string): string => JSON.stringify(text);

/** Components that a normalised path never has. */
const COMPONENT_RULES: readonly Rule[] = [
  [(c) => c === '', 'it has an empty component'],
  [(c) => c === '.', "it has a '.' component"],
  [(c) => c === '..', "it has a '..' component"],
];

function componentProblem(components: readonly string[]): string | null {
  for (const c of components) {
    const problem = firstProblem(COMPONENT_RULES, c);
    if (problem !== null) return problem;
  }
  return null;
}

const PACKAGE_PATH_RULES: readonly Rule[] = [
  [(p) => p === '', 'it is empty'],
  [(p) => CONTROL.test(p), 'it contains a control character'],
  [(p) => p.includes('\\'), 'it contains a backslash'],
  [(p) => p.startsWith('/'), "it starts with '/'"],
];

/** A file inside the package: relative, '/'-separated, normalised. */
export function packagePathProblem(path: string): string | null {
  const why = firstProblem(PACKAGE_PATH_RULES, path) ?? componentProblem(path.split('/'));
  return why === null ? null : `expected a relative path inside the package, got ${quote(path)} (${why})`;
}

/** The entry module: a package path ending in ".wasm". */
export function entryProblem(path: string): string | null {
  const problem = packagePathProblem(path);
  if (problem !== null) return problem;
  return path.endsWith('.wasm') ? null : `expected a path ending in ".wasm", got ${quote(path)}`;
}

const GUEST_PATH_RULES: readonly Rule[] = [
  [(p) => CONTROL.test(p), 'it contains a control character'],
  [(p) => !p.startsWith('/'), "it does not start with '/'"],
  [(p) => p.length > 1 && p.endsWith('/'), "it ends with '/'"],
];

/** Where a granted directory appears to the app: absolute and normalised ("/" itself allowed). */
export function guestPathProblem(path: string): string | null {
  const why = firstProblem(GUEST_PATH_RULES, path) ?? (path === '/' ? null : componentProblem(path.slice(1).split('/')));
  return why === null ? null : `expected an absolute, normalised path, got ${quote(path)} (${why})`;
}

export function nameProblem(name: string): string | null {
  if (NAME.test(name)) return null;
  return `expected 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit, got ${quote(name)}`;
}

export function versionProblem(version: string): string | null {
  if (SEMVER.test(version)) return null;
  return `expected a semantic version MAJOR.MINOR.PATCH[-pre][+build], got ${quote(version)}`;
}

export function descriptionProblem(text: string): string | null {
  if (CONTROL.test(text)) return `expected text without control characters, got ${quote(text)}`;
  const chars = [...text].length;
  if (chars > MAX_DESCRIPTION_CHARS) return `expected at most ${MAX_DESCRIPTION_CHARS} characters, got ${chars}`;
  return null;
}

/** Arguments and environment values reach the app as NUL-terminated strings. */
export function noNulProblem(text: string): string | null {
  return text.includes('\0') ? `expected a string without NUL, got ${quote(text)}` : null;
}

export function envNameProblem(name: string): string | null {
  if (name === '') return 'expected a non-empty variable name';
  if (name.includes('=') || name.includes('\0')) return `expected a variable name without '=' or NUL, got ${quote(name)}`;
  return null;
}
