/**
 * The app manifest: `manifest.toml` at the root of a `.kapp`. Its schema (docs/kapp.md, "The
 * manifest"), `parseManifest` that reads and checks it, and `printManifest` that writes the
 * canonical text kept with an installed app.
 *
 * Parsing reads the text twice: smol-toml gives the values (integers as bigint, so that 1 and 1.0
 * stay apart), and, only when something is wrong, toml-lines gives the line of the offending key.
 * Every error is a KilnError of kind 'package' whose reason starts with the key path:
 * `manifest.toml:7: permissions.dirs[1].mode: expected "ro" or "rw", got "rwx"`.
 * The schema is written as tables of known keys and one small reader per value; a table is
 * checked for unknown keys first, then its keys in schema order.
 */

import { parse, TomlError, type TomlTable, type TomlValue } from 'smol-toml';
import { KilnError } from '../errors.js';
import * as rules from './manifest-rules.js';
import { childPath, indexPath, locateKeys, type KeyLines } from './toml-lines.js';
import * as units from './units.js';

export interface DirGrant {
  /** where the directory appears to the app: absolute, normalised */
  readonly guest: string;
  /** the app's own data directory, or a host directory the user picks */
  readonly from: 'app-data' | 'host';
  readonly mode: 'ro' | 'rw';
}

export interface Limits {
  readonly memoryBytes: number | null;
  readonly timeMs: number | null;
  readonly openFiles: number | null;
}

export interface Manifest {
  readonly name: string;
  readonly version: string;
  /** the module to run, a path inside the package */
  readonly entry: string;
  readonly description: string | null;
  readonly icon: string | null;
  /** put before the user's arguments */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly dirs: readonly DirGrant[];
  readonly limits: Limits;
}

/** parse and check; `file` is how errors name the manifest (e.g. "app.kapp/manifest.toml"); throws KilnError('package') */
export function parseManifest(text: string, file: string): Manifest {
  const doc = parseToml(text, file);
  return readManifest(new Reader(text, file), doc);
}

function parseToml(text: string, file: string): TomlTable {
  try {
    return parse(text, { integersAsBigInt: true });
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const reason = e.message.split('\n', 1)[0]!;
    throw new KilnError('package', reason, { file, line: e.line, column: e.column });
  }
}

// ---- reading values with locations ----

/** Makes errors: finds the line of a key path (scanning the text on the first error only). */
class Reader {
  private lines: KeyLines | undefined;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  /** Fail at `path`; the line is that of `at` (a table's own line for a key missing from it). */
  fail(path: string, problem: string, at: string = path): never {
    this.lines ??= locateKeys(this.text);
    const line = at === '' ? undefined : this.lines.lineOf(at);
    const loc = line === undefined ? { file: this.file } : { file: this.file, line };
    throw new KilnError('package', `${path}: ${problem}`, loc);
  }

  /** Fail unless `problem` is null. */
  check(path: string, problem: string | null): void {
    if (problem !== null) this.fail(path, problem);
  }
}

/** Reads one value found at `path`, checked, as T. */
type Read<T> = (r: Reader, value: TomlValue, path: string) => T;

const TYPE_NAMES: readonly (readonly [(v: TomlValue) => boolean, string])[] = [
  [(v) => typeof v === 'string', 'a string'],
  [(v) => typeof v === 'bigint', 'an integer'],
  [(v) => typeof v === 'number', 'a float'],
  [(v) => typeof v === 'boolean', 'a boolean'],
  [(v) => v instanceof Date, 'a date-time'],
  [(v) => Array.isArray(v), 'an array'],
];

/** The TOML type of a value, with its article, as messages say it. */
function typeName(v: TomlValue): string {
  return TYPE_NAMES.find(([is]) => is(v))?.[1] ?? 'a table';
}

function isTable(v: TomlValue): v is TomlTable {
  return typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

function wrongType(r: Reader, v: TomlValue, path: string, expected: string): never {
  return r.fail(path, `expected ${expected}, got ${typeName(v)}`);
}

const readString: Read<string> = (r, v, path) => (typeof v === 'string' ? v : wrongType(r, v, path, 'a string'));

/** A string that `rule` accepts. */
function stringWith(rule: (text: string) => string | null): Read<string> {
  return (r, v, path) => {
    const text = readString(r, v, path);
    r.check(path, rule(text));
    return text;
  };
}

/** One of a few fixed strings. */
function oneOf<T extends string>(choices: readonly T[]): Read<T> {
  const listed = choices.map((c) => JSON.stringify(c));
  const expected = `${listed.slice(0, -1).join(', ')} or ${listed[listed.length - 1]}`;
  return (r, v, path) => {
    const text = readString(r, v, path);
    const choice = choices.find((c) => c === text);
    return choice ?? r.fail(path, `expected ${expected}, got ${JSON.stringify(text)}`);
  };
}

/** An array whose elements `read` accepts. */
function arrayOf<T>(read: Read<T>): Read<T[]> {
  return (r, v, path) => {
    if (!Array.isArray(v)) return wrongType(r, v, path, 'an array');
    return v.map((element, i) => read(r, element, indexPath(path, i)));
  };
}

/** A table whose keys are checked; its values are read one by one, in the caller's order. */
class Table {
  constructor(
    private readonly r: Reader,
    private readonly entries: TomlTable,
    private readonly path: string,
  ) {}

  required<T>(key: string, read: Read<T>): T {
    const path = childPath(this.path, key);
    if (!Object.hasOwn(this.entries, key)) return this.r.fail(path, 'missing (required)', this.path);
    return read(this.r, this.entries[key]!, path);
  }

  optional<T, A>(key: string, read: Read<T>, absent: A): T | A {
    if (!Object.hasOwn(this.entries, key)) return absent;
    return read(this.r, this.entries[key]!, childPath(this.path, key));
  }
}

/** A table with only `known` keys. */
function openTable(r: Reader, v: TomlValue, path: string, known: readonly string[]): Table {
  if (!isTable(v)) return wrongType(r, v, path, 'a table');
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) r.fail(childPath(path, key), `unknown key (known: ${known.join(', ')})`);
  }
  return new Table(r, v, path);
}

/** How a size or duration may be written: one reader per TOML type it accepts. */
interface QuantityForms {
  readonly bigint?: (v: bigint) => units.Checked;
  readonly number?: (v: number) => units.Checked;
  readonly string?: (v: string) => units.Checked;
}

function readForm(v: TomlValue, forms: QuantityForms): units.Checked | undefined {
  if (typeof v === 'bigint') return forms.bigint?.(v);
  if (typeof v === 'number') return forms.number?.(v);
  if (typeof v === 'string') return forms.string?.(v);
  return undefined;
}

/** A size or duration, in whichever of `forms` it is written. */
function quantity(expected: string, forms: QuantityForms): Read<number> {
  return (r, v, path) => {
    const result = readForm(v, forms) ?? wrongType(r, v, path, expected);
    return result.ok ? result.value : r.fail(path, result.problem);
  };
}

// ---- the schema ----

const TOP_KEYS = ['name', 'version', 'entry', 'description', 'icon', 'args', 'permissions', 'limits'] as const;
const PERMISSION_KEYS = ['env', 'dirs'] as const;
const DIR_KEYS = ['guest', 'from', 'mode'] as const;
const LIMIT_KEYS = ['memory', 'time', 'open-files'] as const;
const DIR_SOURCES = ['app-data', 'host'] as const;
const DIR_MODES = ['ro', 'rw'] as const;
export const MAX_OPEN_FILES = 65536;

const readName = stringWith(rules.nameProblem);
const readVersion = stringWith(rules.versionProblem);
const readEntry = stringWith(rules.entryProblem);
const readDescription = stringWith(rules.descriptionProblem);
const readIcon = stringWith(rules.packagePathProblem);
const readArgs = arrayOf(stringWith(rules.noNulProblem));

const readEnv: Read<Record<string, string>> = (r, v, path) => {
  if (!isTable(v)) return wrongType(r, v, path, 'a table');
  const readValue = stringWith(rules.noNulProblem);
  const vars = Object.entries(v).map(([name, value]): [string, string] => {
    const at = childPath(path, name);
    r.check(at, rules.envNameProblem(name));
    return [name, readValue(r, value, at)];
  });
  return Object.fromEntries(vars);
};

const readDir: Read<DirGrant> = (r, v, path) => {
  const t = openTable(r, v, path, DIR_KEYS);
  return {
    guest: t.required('guest', stringWith(rules.guestPathProblem)),
    from: t.required('from', oneOf(DIR_SOURCES)),
    mode: t.required('mode', oneOf(DIR_MODES)),
  };
};

const readDirs: Read<DirGrant[]> = (r, v, path) => {
  const dirs = arrayOf(readDir)(r, v, path);
  dirs.forEach((dir, i) => {
    const first = dirs.findIndex((d) => d.guest === dir.guest);
    if (first < i) {
      const problem = `${JSON.stringify(dir.guest)} is already granted by ${indexPath(path, first)}`;
      r.fail(childPath(indexPath(path, i), 'guest'), problem);
    }
  });
  return dirs;
};

interface Permissions {
  readonly env: Readonly<Record<string, string>>;
  readonly dirs: readonly DirGrant[];
}
const NO_PERMISSIONS: Permissions = { env: {}, dirs: [] };

const readPermissions: Read<Permissions> = (r, v, path) => {
  const t = openTable(r, v, path, PERMISSION_KEYS);
  return { env: t.optional('env', readEnv, {}), dirs: t.optional('dirs', readDirs, []) };
};

const readMemory = quantity('a size (integer bytes or a string such as "256MiB")', {
  bigint: units.sizeFromInteger,
  string: units.sizeFromString,
});

const readTime = quantity('a duration (seconds or a string such as "30s")', {
  bigint: units.durationFromInteger,
  number: units.durationFromFloat,
  string: units.durationFromString,
});

const readOpenFiles: Read<number> = (r, v, path) => {
  if (typeof v !== 'bigint') return wrongType(r, v, path, 'an integer');
  if (v <= 0n) return r.fail(path, `expected a positive integer, got ${v}`);
  if (v > BigInt(MAX_OPEN_FILES)) return r.fail(path, `expected at most ${MAX_OPEN_FILES}, got ${v}`);
  return Number(v);
};

const NO_LIMITS: Limits = { memoryBytes: null, timeMs: null, openFiles: null };

const readLimits: Read<Limits> = (r, v, path) => {
  const t = openTable(r, v, path, LIMIT_KEYS);
  return {
    memoryBytes: t.optional('memory', readMemory, null),
    timeMs: t.optional('time', readTime, null),
    openFiles: t.optional('open-files', readOpenFiles, null),
  };
};

function readManifest(r: Reader, doc: TomlTable): Manifest {
  const t = openTable(r, doc, '', TOP_KEYS);
  const name = t.required('name', readName);
  const version = t.required('version', readVersion);
  const entry = t.required('entry', readEntry);
  const description = t.optional('description', readDescription, null);
  const icon = t.optional('icon', readIcon, null);
  const args = t.optional('args', readArgs, []);
  const { env, dirs } = t.optional('permissions', readPermissions, NO_PERMISSIONS);
  const limits = t.optional('limits', readLimits, NO_LIMITS);
  return { name, version, entry, description, icon, args, env, dirs, limits };
}

// ---- printing ----

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/** A TOML basic string; control characters escaped. */
function tomlString(text: string): string {
  const escape = (c: string): string =>
    STRING_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${text.replace(/[\p{Cc}"\\]/gu, escape)}"`;
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

function tomlArray(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

function inlineTable(entries: readonly (readonly [string, string])[]): string {
  return `{ ${entries.map(([k, v]) => `${tomlKey(k)} = ${v}`).join(', ')} }`;
}

/** `key = value` lines for the entries whose value is not null. */
function assignments(entries: readonly (readonly [string, string | null])[]): string[] {
  return entries.flatMap(([key, value]) => (value === null ? [] : [`${key} = ${value}`]));
}

const orNull = <T>(value: T | null, show: (v: T) => string): string | null => (value === null ? null : show(value));

function topLines(m: Manifest): string[] {
  return assignments([
    ['name', tomlString(m.name)],
    ['version', tomlString(m.version)],
    ['entry', tomlString(m.entry)],
    ['description', orNull(m.description, tomlString)],
    ['icon', orNull(m.icon, tomlString)],
    ['args', m.args.length === 0 ? null : tomlArray(m.args.map(tomlString))],
  ]);
}

function dirLine(d: DirGrant): string {
  return `  ${inlineTable([
    ['guest', tomlString(d.guest)],
    ['from', tomlString(d.from)],
    ['mode', tomlString(d.mode)],
  ])},`;
}

function permissionLines(m: Manifest): string[] {
  const env = Object.entries(m.env).map(([k, v]) => [k, tomlString(v)] as const);
  const dirs = m.dirs.length === 0 ? null : ['[', ...m.dirs.map(dirLine), ']'].join('\n');
  const lines = assignments([
    ['env', env.length === 0 ? null : inlineTable(env)],
    ['dirs', dirs],
  ]);
  return lines.length === 0 ? [] : ['[permissions]', ...lines];
}

function limitLines(l: Limits): string[] {
  const lines = assignments([
    ['memory', orNull(l.memoryBytes, (b) => tomlString(units.formatSize(b)))],
    ['time', orNull(l.timeMs, (ms) => tomlString(units.formatDuration(ms)))],
    ['open-files', orNull(l.openFiles, String)],
  ]);
  return lines.length === 0 ? [] : ['[limits]', ...lines];
}

/** canonical TOML text of a manifest (used to store the installed copy); parseManifest(printManifest(m)) deep-equals m */
export function printManifest(m: Manifest): string {
  const sections = [topLines(m), permissionLines(m), limitLines(m.limits)];
  return sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n') + '\n')
    .join('\n');
}
