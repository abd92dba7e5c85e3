/**
 * The app manifest (formats/kapp/manifest.ts): the documented example, every kind of error with
 * its exact one-line message and line, the key locator on awkward TOML, sizes and durations, and
 * the canonical printer's round trip.
 */

import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { parseManifest, printManifest, type Manifest } from '../../../formats/kapp/manifest.js';
import { childPath, indexPath, locateKeys } from '../../../formats/kapp/toml-lines.js';
import { formatDuration, formatSize } from '../../../formats/kapp/units.js';

const FILE = 'manifest.toml';

/** The example of docs/kapp.md, "The manifest", comments and all. */
const EXAMPLE = `name = "notes"            # required; [a-z0-9-]+, 1–64 chars, starting with a letter or digit
version = "1.2.0"         # required; semantic version MAJOR.MINOR.PATCH with optional -pre / +build
entry = "bin/notes.wasm"  # required; relative path inside the package, ending in .wasm
description = "Notes, kept as plain text files."  # optional
icon = "icon.png"         # optional relative path inside the package
args = ["--color=never"]  # optional array of strings, put before the user's arguments

[permissions]             # optional table
env = { LANG = "C.UTF-8" }  # optional; names non-empty without '=' or NUL, values strings without NUL
dirs = [                  # optional array of inline tables (or [[permissions.dirs]] tables)
  { guest = "/data", from = "app-data", mode = "rw" },  # guest: absolute, normalised, unique
  { guest = "/docs", from = "host", mode = "ro" },
]

[limits]                  # optional table
memory = "256MiB"         # integer bytes, or "<n>B|KiB|MiB|GiB"; a multiple of 64 KiB; at most 4 GiB
time = "30s"              # seconds, or "<n>ms|s|min|h"; more than zero
open-files = 64           # a positive integer, at most 65,536
`;

const EXAMPLE_MANIFEST: Manifest = {
  name: 'notes',
  version: '1.2.0',
  entry: 'bin/notes.wasm',
  description: 'Notes, kept as plain text files.',
  icon: 'icon.png',
  args: ['--color=never'],
  env: { LANG: 'C.UTF-8' },
  dirs: [
    { guest: '/data', from: 'app-data', mode: 'rw' },
    { guest: '/docs', from: 'host', mode: 'ro' },
  ],
  limits: { memoryBytes: 256 * 1024 * 1024, timeMs: 30_000, openFiles: 64 },
};

/** The three required keys, lines 1 to 3; test lines start at line 4. */
const HEAD = 'name = "notes"\nversion = "1.2.0"\nentry = "bin/notes.wasm"\n';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

/** The one-line message of the error that parsing `text` throws. */
function failure(text: string): string {
  try {
    parseManifest(text, FILE);
  } catch (e) {
    if (!(e instanceof KilnError)) throw e;
    expect(e.kind).toBe('package');
    return e.format();
  }
  throw new Error('the manifest parsed');
}

describe('parseManifest: accepted manifests', () => {
  it('reads the documented example', () => {
    expect(parseManifest(EXAMPLE, FILE)).toEqual(EXAMPLE_MANIFEST);
  });

  it('is the example of docs/kapp.md', () => {
    const doc = readFileSync(new URL('../../../docs/kapp.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## The manifest'));
    const example = /```toml\n([^]*?)```/.exec(section)?.[1];
    expect(example).toBe(EXAMPLE);
  });

  it('fills the optional keys of a minimal manifest', () => {
    expect(parseManifest(HEAD, FILE)).toEqual({
      name: 'notes',
      version: '1.2.0',
      entry: 'bin/notes.wasm',
      description: null,
      icon: null,
      args: [],
      env: {},
      dirs: [],
      limits: { memoryBytes: null, timeMs: null, openFiles: null },
    });
  });

  it('reads [[permissions.dirs]] tables like inline ones', () => {
    const text = lines(
      HEAD + '[[permissions.dirs]]',
      'guest = "/data"',
      'from = "app-data"',
      'mode = "rw"',
      '[[permissions.dirs]]',
      'guest = "/"',
      'from = "host"',
      'mode = "ro"',
    );
    expect(parseManifest(text, FILE).dirs).toEqual([
      { guest: '/data', from: 'app-data', mode: 'rw' },
      { guest: '/', from: 'host', mode: 'ro' },
    ]);
  });

  it('reads dotted keys and literal strings', () => {
    const text = lines(HEAD + "limits.memory = '1MiB'", 'permissions.env."X.Y" = \'a#b\'');
    const m = parseManifest(text, FILE);
    expect(m.limits.memoryBytes).toBe(1024 * 1024);
    expect(m.env).toEqual({ 'X.Y': 'a#b' });
  });

  it('accepts names and versions at the edges of their rules', () => {
    const name = '0' + 'a'.repeat(63);
    const text = `name = "${name}"\nversion = "10.0.1-alpha.1.x-y+build.007"\nentry = "a.wasm"\n`;
    expect(parseManifest(text, FILE)).toMatchObject({ name, version: '10.0.1-alpha.1.x-y+build.007' });
  });

  it('keeps an environment variable named __proto__ as an ordinary entry', () => {
    const m = parseManifest(HEAD + 'permissions.env.__proto__ = "x"\n', FILE);
    expect(Object.keys(m.env)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(m.env)).toBe(Object.prototype);
  });
});

describe('parseManifest: error messages', () => {
  const cases: Array<[string, string, string]> = [
    // [what, manifest text, message]
    [
      'TOML syntax, with line and column',
      HEAD + 'args = ["a" "b"]\n',
      'manifest.toml:4:13: Invalid TOML document: expected comma or end of structure',
    ],
    [
      'a redefined key',
      HEAD + 'name = "x"\n',
      'manifest.toml:4:1: Invalid TOML document: trying to redefine an already defined table or value',
    ],
    [
      'a missing required key',
      'name = "notes"\nversion = "1.2.0"\n',
      'manifest.toml: entry: missing (required)',
    ],
    [
      'a string of the wrong type',
      'name = "notes"\nversion = "1.2.0"\nentry = 3\n',
      'manifest.toml:3: entry: expected a string, got an integer',
    ],
    ['a float', HEAD + 'description = 1.5\n', 'manifest.toml:4: description: expected a string, got a float'],
    ['a boolean', HEAD + 'icon = true\n', 'manifest.toml:4: icon: expected a string, got a boolean'],
    [
      'a date-time',
      HEAD + 'description = 1979-05-27 07:32:00Z\n',
      'manifest.toml:4: description: expected a string, got a date-time',
    ],
    ['an array', HEAD + 'icon = ["a"]\n', 'manifest.toml:4: icon: expected a string, got an array'],
    ['a table', HEAD + 'icon = { a = 1 }\n', 'manifest.toml:4: icon: expected a string, got a table'],
    [
      'an unknown top-level key',
      HEAD + 'homepage = "x"\n',
      'manifest.toml:4: homepage: unknown key (known: name, version, entry, description, icon, args, permissions, limits)',
    ],
    [
      'an unknown key in [permissions]',
      lines(HEAD + '[permissions]', 'env = {}', '', 'network = true'),
      'manifest.toml:7: permissions.network: unknown key (known: env, dirs)',
    ],
    [
      'an unknown key in [limits]',
      lines(HEAD + '[limits]', 'cpu = 1'),
      'manifest.toml:5: limits.cpu: unknown key (known: memory, time, open-files)',
    ],
    [
      'permissions that are not a table',
      HEAD + 'permissions = 5\n',
      'manifest.toml:4: permissions: expected a table, got an integer',
    ],
    [
      'an upper-case name',
      'name = "Notes"\nversion = "1.2.0"\nentry = "a.wasm"\n',
      "manifest.toml:1: name: expected 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit, got \"Notes\"",
    ],
    [
      'a name starting with -',
      'name = "-x"\nversion = "1.2.0"\nentry = "a.wasm"\n',
      "manifest.toml:1: name: expected 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit, got \"-x\"",
    ],
    [
      'a 65-character name',
      `name = "${'a'.repeat(65)}"\nversion = "1.2.0"\nentry = "a.wasm"\n`,
      `manifest.toml:1: name: expected 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit, got "${'a'.repeat(65)}"`,
    ],
    [
      'a two-part version',
      'name = "x"\nversion = "1.2"\nentry = "a.wasm"\n',
      'manifest.toml:2: version: expected a semantic version MAJOR.MINOR.PATCH[-pre][+build], got "1.2"',
    ],
    [
      'a version with a leading zero',
      'name = "x"\nversion = "1.02.0"\nentry = "a.wasm"\n',
      'manifest.toml:2: version: expected a semantic version MAJOR.MINOR.PATCH[-pre][+build], got "1.02.0"',
    ],
    [
      'an absolute entry',
      'name = "x"\nversion = "1.2.0"\nentry = "/bin/x.wasm"\n',
      `manifest.toml:3: entry: expected a relative path inside the package, got "/bin/x.wasm" (it starts with '/')`,
    ],
    [
      'an entry escaping the package',
      'name = "x"\nversion = "1.2.0"\nentry = "bin/../../x.wasm"\n',
      `manifest.toml:3: entry: expected a relative path inside the package, got "bin/../../x.wasm" (it has a '..' component)`,
    ],
    [
      'an entry with a . component',
      'name = "x"\nversion = "1.2.0"\nentry = "./x.wasm"\n',
      `manifest.toml:3: entry: expected a relative path inside the package, got "./x.wasm" (it has a '.' component)`,
    ],
    [
      'an entry with an empty component',
      'name = "x"\nversion = "1.2.0"\nentry = "bin//x.wasm"\n',
      'manifest.toml:3: entry: expected a relative path inside the package, got "bin//x.wasm" (it has an empty component)',
    ],
    [
      'an entry with a backslash',
      'name = "x"\nversion = "1.2.0"\nentry = \'bin\\x.wasm\'\n',
      'manifest.toml:3: entry: expected a relative path inside the package, got "bin\\\\x.wasm" (it contains a backslash)',
    ],
    [
      'an empty entry',
      'name = "x"\nversion = "1.2.0"\nentry = ""\n',
      'manifest.toml:3: entry: expected a relative path inside the package, got "" (it is empty)',
    ],
    [
      'an entry that is not .wasm',
      'name = "x"\nversion = "1.2.0"\nentry = "bin/x"\n',
      'manifest.toml:3: entry: expected a path ending in ".wasm", got "bin/x"',
    ],
    [
      'an icon with a control character (escaped in the message)',
      HEAD + 'icon = "a\\u0007.png"\n',
      'manifest.toml:4: icon: expected a relative path inside the package, got "a\\u0007.png" (it contains a control character)',
    ],
    [
      'a description with a tab',
      HEAD + 'description = "a\\tb"\n',
      'manifest.toml:4: description: expected text without control characters, got "a\\tb"',
    ],
    [
      'a description over 1,000 characters',
      HEAD + `description = "${'é'.repeat(1001)}"\n`,
      'manifest.toml:4: description: expected at most 1000 characters, got 1001',
    ],
    ['args not an array', HEAD + 'args = "-v"\n', 'manifest.toml:4: args: expected an array, got a string'],
    [
      'a wrong element of a multi-line array',
      lines(HEAD + 'args = [', '  "a",  # one', '  "b", "c",', '  4,', ']'),
      'manifest.toml:7: args[3]: expected a string, got an integer',
    ],
    [
      'an argument with NUL',
      HEAD + 'args = ["a\\u0000b"]\n',
      'manifest.toml:4: args[0]: expected a string without NUL, got "a\\u0000b"',
    ],
    [
      'an environment name with =',
      lines(HEAD + '[permissions.env]', 'OK = "1"', '"A=B" = "x"'),
      `manifest.toml:6: permissions.env."A=B": expected a variable name without '=' or NUL, got "A=B"`,
    ],
    [
      'an empty environment name',
      HEAD + 'permissions = { env = { "" = "x" } }\n',
      'manifest.toml:4: permissions.env."": expected a non-empty variable name',
    ],
    [
      'an environment value that is not a string',
      lines(HEAD + '[permissions]', 'env = {', '  A = "1",', '  B = 2,', '}'),
      'manifest.toml:7: permissions.env.B: expected a string, got an integer',
    ],
    [
      'an environment value with NUL',
      HEAD + 'permissions.env.A = "x\\u0000"\n',
      'manifest.toml:4: permissions.env.A: expected a string without NUL, got "x\\u0000"',
    ],
    [
      'dirs that are not an array',
      lines(HEAD + '[permissions]', 'dirs = "/data"'),
      'manifest.toml:5: permissions.dirs: expected an array, got a string',
    ],
    [
      'a dirs element that is not a table',
      lines(HEAD + '[permissions]', 'dirs = [', '  "/data",', ']'),
      'manifest.toml:6: permissions.dirs[0]: expected a table, got a string',
    ],
    [
      'a wrong mode in an inline table spanning lines',
      lines(
        HEAD + '[permissions]',
        'dirs = [',
        '  { guest = "/data", from = "app-data", mode = "rw" },',
        '  {',
        '    guest = "/docs",',
        '    from = "host",',
        '    mode = "rwx",',
        '  },',
        ']',
      ),
      'manifest.toml:10: permissions.dirs[1].mode: expected "ro" or "rw", got "rwx"',
    ],
    [
      'a key missing from an inline table: the line where the table starts',
      lines(HEAD + '[permissions]', 'dirs = [', '  { guest = "/a", from = "host", mode = "ro" },', '  { guest = "/b",', '    from = "host" },', ']'),
      'manifest.toml:7: permissions.dirs[1].mode: missing (required)',
    ],
    [
      'a wrong source in a [[permissions.dirs]] table',
      lines(
        HEAD + '[[permissions.dirs]]',
        'guest = "/a"',
        'from = "host"',
        'mode = "ro"',
        '',
        '[[permissions.dirs]]',
        'guest = "/b"',
        'from = "home"',
        'mode = "ro"',
      ),
      'manifest.toml:11: permissions.dirs[1].from: expected "app-data" or "host", got "home"',
    ],
    [
      'a key missing from a [[permissions.dirs]] table: the header line',
      lines(HEAD + '[[permissions.dirs]]', 'guest = "/a"', 'from = "host"', 'mode = "ro"', '[[permissions.dirs]]', 'guest = "/b"', 'mode = "ro"'),
      'manifest.toml:8: permissions.dirs[1].from: missing (required)',
    ],
    [
      'an unknown key in a dirs table',
      lines(HEAD + '[[permissions.dirs]]', 'guest = "/a"', 'from = "host"', 'mode = "ro"', 'path = "/x"'),
      'manifest.toml:8: permissions.dirs[0].path: unknown key (known: guest, from, mode)',
    ],
    [
      'a relative guest path',
      HEAD + 'permissions.dirs = [{ guest = "data", from = "host", mode = "ro" }]\n',
      `manifest.toml:4: permissions.dirs[0].guest: expected an absolute, normalised path, got "data" (it does not start with '/')`,
    ],
    [
      'a guest path with a trailing /',
      HEAD + 'permissions.dirs = [{ guest = "/data/", from = "host", mode = "ro" }]\n',
      `manifest.toml:4: permissions.dirs[0].guest: expected an absolute, normalised path, got "/data/" (it ends with '/')`,
    ],
    [
      'a guest path with ..',
      HEAD + 'permissions.dirs = [{ guest = "/data/../etc", from = "host", mode = "ro" }]\n',
      `manifest.toml:4: permissions.dirs[0].guest: expected an absolute, normalised path, got "/data/../etc" (it has a '..' component)`,
    ],
    [
      'a guest path granted twice',
      lines(
        HEAD + '[permissions]',
        'dirs = [',
        '  { guest = "/data", from = "app-data", mode = "rw" },',
        '  { guest = "/docs", from = "host", mode = "ro" },',
        '  { from = "host", mode = "ro",',
        '    guest = "/data" },',
        ']',
      ),
      'manifest.toml:9: permissions.dirs[2].guest: "/data" is already granted by permissions.dirs[0]',
    ],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => expect(failure(text)).toBe(message));
  }

  it('names the file as given', () => {
    expect(failure('name = "x"\n')).toBe('manifest.toml: version: missing (required)');
    expect(() => parseManifest('version = 1\n', 'app.kapp/manifest.toml')).toThrow(KilnError);
    try {
      parseManifest('name = "x"\nversion = 1\n', 'app.kapp/manifest.toml');
    } catch (e) {
      expect((e as KilnError).format()).toBe('app.kapp/manifest.toml:2: version: expected a string, got an integer');
      expect((e as KilnError).loc).toEqual({ file: 'app.kapp/manifest.toml', line: 2 });
    }
  });

  it('reports the first problem in schema order, unknown keys before all others', () => {
    expect(failure('version = 1\nextra = 2\n')).toBe(
      'manifest.toml:2: extra: unknown key (known: name, version, entry, description, icon, args, permissions, limits)',
    );
    expect(failure('version = 1\n')).toBe('manifest.toml: name: missing (required)');
  });
});

describe('parseManifest: lines past awkward TOML', () => {
  const cases: Array<[string, string, string]> = [
    [
      'strings holding #, ], = and [',
      lines(HEAD + 'description = "a # b ] c = d [e]"  # note', 'args = ["x]", \'#\', "=", "}{"]', 'icon = 7'),
      'manifest.toml:6: icon: expected a string, got an integer',
    ],
    [
      'multi-line basic and literal strings with header-like lines',
      lines(
        HEAD + 'args = ["""',
        '[limits]',
        'memory = "1B"  # not a key',
        '\\""" still inside',
        '""", \'\'\'',
        "[[permissions.dirs]]'''', 5]",
      ),
      'manifest.toml:9: args[2]: expected a string, got an integer',
    ],
    [
      'a multi-line string closed by five quotes',
      lines(HEAD + 'description = """a ""quoted"""""', 'icon = 1'),
      'manifest.toml:5: icon: expected a string, got an integer',
    ],
    [
      'quoted keys with escapes and dots',
      lines(HEAD + '[permissions.env]', '"A.B" = "1"', '"\\u0043" = 2'),
      'manifest.toml:6: permissions.env.C: expected a string, got an integer',
    ],
    [
      'a literal quoted key with # in it',
      lines(HEAD + '[permissions.env]', "'#x' = 2"),
      'manifest.toml:5: permissions.env."#x": expected a string, got an integer',
    ],
    [
      'dotted keys with spaces around the dots',
      lines(HEAD, 'limits . "open-files" = 0'),
      'manifest.toml:5: limits.open-files: expected a positive integer, got 0',
    ],
    [
      'a quoted header with a ] in a later table',
      lines(HEAD + '[ "permissions" . env ]  # env', 'A = "]"', '[limits]', 'time = "5m"'),
      'manifest.toml:7: limits.time: unknown unit "m" in "5m" (use ms, s, min or h)',
    ],
    [
      'arrays of arrays across lines and comments',
      lines(HEAD + 'args = [ # start', '  # only a comment', '', '  "a", [', '  "b"]]'),
      'manifest.toml:7: args[1]: expected a string, got an array',
    ],
    [
      'CRLF line ends',
      'name = "x"\r\nversion = "1.0.0"\r\nentry = "a.wasm"\r\n\r\n[limits]\r\nmemory = 3\r\n',
      'manifest.toml:6: limits.memory: expected a multiple of 64 KiB (the wasm page size), got 3',
    ],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => expect(failure(text)).toBe(message));
  }
});

describe('locateKeys', () => {
  it('maps headers, nested arrays of tables, inline tables and elements to lines', () => {
    const text = lines(
      'a = 1',
      '[[t]]',
      'x = { y = [',
      '  1,',
      '  { z = 2 }',
      '] }',
      '[[t.u]]',
      '[[t]]',
      '[t.v]',
      "'q r'.s = '''",
      "'''",
    );
    const at = locateKeys(text);
    const expected: Array<[string, number]> = [
      ['a', 1],
      ['t', 2],
      ['t[0]', 2],
      ['t[0].x', 3],
      ['t[0].x.y', 3],
      ['t[0].x.y[0]', 4],
      ['t[0].x.y[1]', 5],
      ['t[0].x.y[1].z', 5],
      ['t[0].u', 7],
      ['t[0].u[0]', 7],
      ['t[1]', 8],
      ['t[1].v', 9],
      ['t[1].v."q r"', 10],
      ['t[1].v."q r".s', 10],
    ];
    expect(expected.map(([path]) => [path, at.lineOf(path)])).toEqual(expected);
    expect(at.lineOf('t[2]')).toBeUndefined();
  });

  it('finds a line for every key and element that smol-toml reads', () => {
    const text = lines(
      EXAMPLE,
      '[x]',
      '"q.\\"k" = { a = [[1, 2], [{ b = """',
      '#]"""}]], \'c#\' = 1979-05-27 07:32:00Z }',
      '[[x.t]]',
      'd.e.f = [ # c',
      "  '''x",
      "  y''', \"]\",",
      ']',
      '[[x.t]]',
      "g = { h = 1, i = [ { j = 'k' } ] }",
    );
    const at = locateKeys(text);
    const found: Array<[string, number | undefined]> = [];
    const walk = (value: unknown, path: string): void => {
      const children: Array<[string, unknown]> = Array.isArray(value)
        ? value.map((v, i): [string, unknown] => [indexPath(path, i), v])
        : typeof value === 'object' && value !== null && !(value instanceof Date)
          ? Object.entries(value).map(([k, v]): [string, unknown] => [childPath(path, k), v])
          : [];
      for (const [p, v] of children) {
        found.push([p, at.lineOf(p)]);
        walk(v, p);
      }
    };
    walk(parse(text), '');
    expect(found.filter(([, line]) => line === undefined)).toEqual([]);
    expect(found.length).toBeGreaterThan(40);
    const expected: Array<[string, number]> = [
      ['permissions.dirs[1].mode', 12],
      ['limits.open-files', 18],
      ['x', 20],
      ['x."q.\\"k".a[1][0].b', 21],
      ['x."q.\\"k"."c#"', 22],
      ['x.t[0].d.e.f[0]', 25],
      ['x.t[0].d.e.f[1]', 26],
      ['x.t[1]', 28],
      ['x.t[1].g.i[0].j', 29],
    ];
    expect(expected.map(([path]) => [path, at.lineOf(path)])).toEqual(expected);
  });

  it('prefers a table header over an earlier implied mention', () => {
    const at = locateKeys(lines('[a.b]', 'x = 1', '[a]', 'y = 2'));
    expect(at.lineOf('a')).toBe(3);
    expect(at.lineOf('a.b')).toBe(1);
  });

  it('does not loop or throw on malformed text', () => {
    for (const text of ['[', '[[a', 'a = "x', 'a = [1,', 'a = {b', '"""', '= = =', 'a = ]]]']) {
      expect(() => locateKeys(text)).not.toThrow();
    }
  });
});

describe('limits: sizes', () => {
  const MiB = 1024 * 1024;
  const accepted: Array<[string, number]> = [
    ['65536', 65536],
    ['"64KiB"', 65536],
    ['"64K"', 65536],
    ['"256MiB"', 256 * MiB],
    ['"256 MiB"', 256 * MiB],
    ['"256M"', 256 * MiB],
    ['"4GiB"', 4096 * MiB],
    ['"4G"', 4096 * MiB],
    ['"131072B"', 131072],
    ['4294967296', 4096 * MiB],
  ];
  for (const [toml, bytes] of accepted) {
    it(`reads memory = ${toml}`, () => {
      expect(parseManifest(HEAD + `limits.memory = ${toml}\n`, FILE).limits.memoryBytes).toBe(bytes);
    });
  }

  const refused: Array<[string, string]> = [
    ['1000', 'expected a multiple of 64 KiB (the wasm page size), got 1000'],
    ['"100KiB"', 'expected a multiple of 64 KiB (the wasm page size), got "100KiB"'],
    ['"256MB"', 'unknown unit "MB" in "256MB" (use B, KiB, MiB or GiB)'],
    ['"256kib"', 'unknown unit "kib" in "256kib" (use B, KiB, MiB or GiB)'],
    ['"65536"', 'missing unit in "65536" (use B, KiB, MiB or GiB)'],
    ['-65536', 'expected a size greater than zero, got -65536'],
    ['"-1MiB"', 'expected a size greater than zero, got "-1MiB"'],
    ['0', 'expected a size greater than zero, got 0'],
    ['"0MiB"', 'expected a size greater than zero, got "0MiB"'],
    ['"5GiB"', 'expected at most 4 GiB, got "5GiB"'],
    ['4295032832', 'expected at most 4 GiB, got 4295032832'],
    ['"99999999999999999999999G"', 'expected at most 4 GiB, got "99999999999999999999999G"'],
    ['"1.5GiB"', 'expected a whole number before the unit, got "1.5GiB"'],
    ['"lots"', 'expected a size such as "256MiB", got "lots"'],
    ['65536.0', 'expected a size (integer bytes or a string such as "256MiB"), got a float'],
    ['true', 'expected a size (integer bytes or a string such as "256MiB"), got a boolean'],
  ];
  for (const [toml, problem] of refused) {
    it(`refuses memory = ${toml}`, () => {
      expect(failure(lines(HEAD + '[limits]', `memory = ${toml}`))).toBe(`manifest.toml:5: limits.memory: ${problem}`);
    });
  }
});

describe('limits: durations', () => {
  const accepted: Array<[string, number]> = [
    ['30', 30_000],
    ['1.5', 1500],
    ['0.001', 1],
    ['"30s"', 30_000],
    ['"30 s"', 30_000],
    ['"1.5s"', 1500],
    ['"0.25s"', 250],
    ['"1.0000s"', 1000],
    ['"500ms"', 500],
    ['"2min"', 120_000],
    ['"1h"', 3_600_000],
    ['"596h"', 596 * 3_600_000],
    ['2147483.647', 2_147_483_647],
  ];
  for (const [toml, ms] of accepted) {
    it(`reads time = ${toml}`, () => {
      expect(parseManifest(HEAD + `limits.time = ${toml}\n`, FILE).limits.timeMs).toBe(ms);
    });
  }

  const refused: Array<[string, string]> = [
    ['0', 'expected a duration greater than zero, got 0'],
    ['0.0', 'expected a duration greater than zero, got 0'],
    ['"0s"', 'expected a duration greater than zero, got "0s"'],
    ['-1', 'expected a duration greater than zero, got -1'],
    ['"-5s"', 'expected a duration greater than zero, got "-5s"'],
    ['-inf', 'expected a duration greater than zero, got -inf'],
    ['nan', 'expected a duration greater than zero, got nan'],
    ['inf', `expected at most 2147483647 ms (about 24.8 days), got inf`],
    ['"1000h"', 'expected at most 2147483647 ms (about 24.8 days), got "1000h"'],
    ['2147484', 'expected at most 2147483647 ms (about 24.8 days), got 2147484'],
    ['1e300', 'expected at most 2147483647 ms (about 24.8 days), got 1e+300'],
    ['"1.5min"', 'expected a whole number before "min" (decimals only with "s"), got "1.5min"'],
    ['"1.5ms"', 'expected a whole number before "ms" (decimals only with "s"), got "1.5ms"'],
    ['"5m"', 'unknown unit "m" in "5m" (use ms, s, min or h)'],
    ['"5sec"', 'unknown unit "sec" in "5sec" (use ms, s, min or h)'],
    ['"5"', 'missing unit in "5" (use ms, s, min or h)'],
    ['"1.0005s"', 'expected a whole number of milliseconds, got "1.0005s"'],
    ['0.0001', 'expected a whole number of milliseconds, got 0.0001'],
    ['1e-9', 'expected a whole number of milliseconds, got 1e-9'],
    ['"soon"', 'expected a duration such as "30s", got "soon"'],
    ['false', 'expected a duration (seconds or a string such as "30s"), got a boolean'],
  ];
  for (const [toml, problem] of refused) {
    it(`refuses time = ${toml}`, () => {
      expect(failure(lines(HEAD + '[limits]', `time = ${toml}`))).toBe(`manifest.toml:5: limits.time: ${problem}`);
    });
  }
});

describe('limits: open files', () => {
  it('reads 1 and 65536', () => {
    expect(parseManifest(HEAD + 'limits.open-files = 1\n', FILE).limits.openFiles).toBe(1);
    expect(parseManifest(HEAD + 'limits.open-files = 65536\n', FILE).limits.openFiles).toBe(65536);
  });
  const refused: Array<[string, string]> = [
    ['0', 'expected a positive integer, got 0'],
    ['-3', 'expected a positive integer, got -3'],
    ['65537', 'expected at most 65536, got 65537'],
    ['64.0', 'expected an integer, got a float'],
    ['"64"', 'expected an integer, got a string'],
  ];
  for (const [toml, problem] of refused) {
    it(`refuses open-files = ${toml}`, () => {
      expect(failure(lines(HEAD + '[limits]', `open-files = ${toml}`))).toBe(`manifest.toml:5: limits.open-files: ${problem}`);
    });
  }
});

describe('printManifest', () => {
  it('prints the example canonically', () => {
    expect(printManifest(parseManifest(EXAMPLE, FILE))).toBe(
      lines(
        'name = "notes"',
        'version = "1.2.0"',
        'entry = "bin/notes.wasm"',
        'description = "Notes, kept as plain text files."',
        'icon = "icon.png"',
        'args = ["--color=never"]',
        '',
        '[permissions]',
        'env = { LANG = "C.UTF-8" }',
        'dirs = [',
        '  { guest = "/data", from = "app-data", mode = "rw" },',
        '  { guest = "/docs", from = "host", mode = "ro" },',
        ']',
        '',
        '[limits]',
        'memory = "256MiB"',
        'time = "30s"',
        'open-files = 64',
      ),
    );
  });

  it('prints a minimal manifest as its three keys', () => {
    expect(printManifest(parseManifest(HEAD, FILE))).toBe(HEAD);
  });

  const roundTrips: Array<[string, Manifest]> = [
    ['the example', EXAMPLE_MANIFEST],
    [
      'awkward strings, keys and units',
      {
        name: 'x-1',
        version: '0.0.1-rc.1+sha.5114f85',
        entry: 'a b/ünï.wasm',
        description: 'quote " backslash \\ hash # bracket ] équals = 🚀',
        icon: "it's.png",
        args: ['', '--a="b"', 'c\\d', '\u00e9'],
        env: { 'A.B': '1', 'with space': '\t\n\u007f', __proto__x: '', 'é': 'x' },
        dirs: [{ guest: '/', from: 'host', mode: 'rw' }],
        limits: { memoryBytes: 65536 * 3, timeMs: 1500, openFiles: 65536 },
      },
    ],
    [
      'only limits',
      {
        name: 'y',
        version: '1.0.0',
        entry: 'y.wasm',
        description: null,
        icon: null,
        args: [],
        env: {},
        dirs: [],
        limits: { memoryBytes: 4 * 1024 * 1024 * 1024, timeMs: 7_200_000, openFiles: null },
      },
    ],
    [
      'only dirs',
      {
        name: 'z',
        version: '1.0.0',
        entry: 'z.wasm',
        description: '',
        icon: null,
        args: [],
        env: {},
        dirs: [{ guest: '/a/b', from: 'app-data', mode: 'ro' }],
        limits: { memoryBytes: null, timeMs: 60_000, openFiles: null },
      },
    ],
  ];
  for (const [what, m] of roundTrips) {
    it(`round-trips ${what}`, () => {
      const text = printManifest(m);
      expect(parseManifest(text, FILE)).toEqual(m);
      expect(printManifest(parseManifest(text, FILE))).toBe(text);
    });
  }

  it('escapes control characters in strings', () => {
    const m = { ...EXAMPLE_MANIFEST, args: ['a\u0000b\u001b\u0085'] };
    expect(printManifest(m)).toContain('args = ["a\\u0000b\\u001B\\u0085"]');
  });
});

describe('units: canonical text', () => {
  it('prints sizes in the largest exact unit', () => {
    expect([65536, 3 * 65536, 1024 * 1024, 4 * 1024 ** 3, 1536 * 1024 * 1024, 1000].map(formatSize)).toEqual([
      '64KiB',
      '192KiB',
      '1MiB',
      '4GiB',
      '1536MiB',
      '1000B',
    ]);
  });
  it('prints durations in the largest exact unit', () => {
    expect([1, 1500, 30_000, 90_000, 120_000, 3_600_000, 5_400_000].map(formatDuration)).toEqual([
      '1ms',
      '1500ms',
      '30s',
      '90s',
      '2min',
      '1h',
      '90min',
    ]);
  });
});
