/**
 * Sizes and durations of the manifest's [limits] table: reading them from TOML values and writing
 * them back in canonical form.
 *
 * A size is an integer number of bytes or a string "<n><unit>" with unit B, KiB, MiB or GiB (K, M
 * and G meaning the same binary units); it must be a positive multiple of the wasm page (64 KiB)
 * and at most 4 GiB, the most a 32-bit linear memory can hold.
 * A duration is a number of seconds or a string "<n><unit>" with unit ms, s, min or h (a decimal n
 * only with s); it must be a positive whole number of milliseconds, at most 2^31-1 ms (about 24.8
 * days): the largest delay a Node timer honours, so a limit never silently turns into "now".
 * One space between number and unit is allowed. The readers return the value or a problem phrase;
 * the manifest parser adds the key path and line.
 */

export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;
/** the wasm page size: memory limits are whole pages */
export const PAGE_BYTES = 64 * KIB;
export const MAX_MEMORY_BYTES = 4 * GIB;
/** the largest setTimeout delay Node honours */
export const MAX_TIME_MS = 2 ** 31 - 1;

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** A value read from the manifest, or what is wrong with it. */
export type Checked = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: string };

const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KiB: KIB,
  MiB: MIB,
  GiB: GIB,
  K: KIB,
  M: MIB,
  G: GIB,
};
const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: SECOND_MS, min: MINUTE_MS, h: HOUR_MS };

/** Canonical units for printing, largest first. */
const SIZE_PRINT_UNITS: readonly (readonly [string, number])[] = [
  ['GiB', GIB],
  ['MiB', MIB],
  ['KiB', KIB],
  ['B', 1],
];
const DURATION_PRINT_UNITS: readonly (readonly [string, number])[] = [
  ['h', HOUR_MS],
  ['min', MINUTE_MS],
  ['s', SECOND_MS],
  ['ms', 1],
];

/** sign, whole digits, optional fraction digits, optional space, unit letters */
const QUANTITY = /^([+-]?)([0-9]+)(?:\.([0-9]+))? ?([A-Za-z]*)$/;
const PLAIN_DECIMAL = /^([0-9]+)(?:\.([0-9]+))?$/;

const ok = (value: number): Checked => ({ ok: true, value });
const bad = (problem: string): Checked => ({ ok: false, problem });
const quote = (text: string): string => JSON.stringify(text);

interface Quantity {
  readonly negative: boolean;
  readonly whole: string;
  readonly fraction: string | undefined;
  readonly unit: string;
}

function splitQuantity(text: string): Quantity | null {
  const m = QUANTITY.exec(text);
  if (m === null) return null;
  return { negative: m[1] === '-', whole: m[2]!, fraction: m[3], unit: m[4]! };
}

/** The problem with a unit that is not in `units`, or null when it is there. */
function unitProblem(q: Quantity, text: string, units: Readonly<Record<string, number>>, names: string): string | null {
  if (Object.hasOwn(units, q.unit)) return null;
  if (q.unit === '') return `missing unit in ${quote(text)} (use ${names})`;
  return `unknown unit ${quote(q.unit)} in ${quote(text)} (use ${names})`;
}

// ---- sizes ----

const SIZE_UNIT_NAMES = 'B, KiB, MiB or GiB';

function checkBytes(bytes: bigint, shown: string): Checked {
  if (bytes <= 0n) return bad(`expected a size greater than zero, got ${shown}`);
  if (bytes > BigInt(MAX_MEMORY_BYTES)) return bad(`expected at most 4 GiB, got ${shown}`);
  if (bytes % BigInt(PAGE_BYTES) !== 0n) return bad(`expected a multiple of 64 KiB (the wasm page size), got ${shown}`);
  return ok(Number(bytes));
}

/** A size given as an integer number of bytes. */
export function sizeFromInteger(bytes: bigint): Checked {
  return checkBytes(bytes, String(bytes));
}

/** A size given as a string such as "256MiB". */
export function sizeFromString(text: string): Checked {
  const q = splitQuantity(text);
  if (q === null) return bad(`expected a size such as "256MiB", got ${quote(text)}`);
  const problem = unitProblem(q, text, SIZE_UNITS, SIZE_UNIT_NAMES);
  if (problem !== null) return bad(problem);
  if (q.fraction !== undefined) return bad(`expected a whole number before the unit, got ${quote(text)}`);
  const bytes = BigInt(q.whole) * BigInt(SIZE_UNITS[q.unit]!);
  return checkBytes(q.negative ? -bytes : bytes, quote(text));
}

/** The canonical text of a size: a string in the largest unit that divides it exactly. */
export function formatSize(bytes: number): string {
  const [unit, factor] = SIZE_PRINT_UNITS.find(([, f]) => bytes % f === 0) ?? ['B', 1];
  return `${bytes / factor}${unit}`;
}

// ---- durations ----

const DURATION_UNIT_NAMES = 'ms, s, min or h';

function checkMs(ms: bigint, shown: string): Checked {
  if (ms <= 0n) return bad(`expected a duration greater than zero, got ${shown}`);
  if (ms > BigInt(MAX_TIME_MS)) return bad(`expected at most ${MAX_TIME_MS} ms (about 24.8 days), got ${shown}`);
  return ok(Number(ms));
}

/** Milliseconds in `whole`.`fraction` seconds, or null when that is not a whole number of them. */
function secondsToMs(whole: string, fraction: string | undefined): bigint | null {
  const digits = (fraction ?? '').replace(/0+$/, '');
  if (digits.length > 3) return null;
  return BigInt(whole) * 1000n + BigInt(digits.padEnd(3, '0'));
}

/** A duration given as an integer number of seconds. */
export function durationFromInteger(seconds: bigint): Checked {
  return checkMs(seconds * 1000n, String(seconds));
}

/** A duration given as a float number of seconds (its shortest decimal form is taken as exact). */
export function durationFromFloat(seconds: number): Checked {
  const shown = Number.isNaN(seconds) ? 'nan' : Number.isFinite(seconds) ? String(seconds) : seconds > 0 ? 'inf' : '-inf';
  if (Number.isNaN(seconds) || seconds <= 0) return bad(`expected a duration greater than zero, got ${shown}`);
  const m = PLAIN_DECIMAL.exec(String(seconds));
  // no plain decimal form: below 1e-6 (not whole milliseconds) or at least 1e21 (far too long)
  const ms = m === null ? (seconds < 1 ? null : BigInt(MAX_TIME_MS) + 1n) : secondsToMs(m[1]!, m[2]);
  if (ms === null) return bad(`expected a whole number of milliseconds, got ${shown}`);
  return checkMs(ms, shown);
}

/** A duration given as a string such as "30s", "1.5s", "500ms", "2min", "1h". */
export function durationFromString(text: string): Checked {
  const q = splitQuantity(text);
  if (q === null) return bad(`expected a duration such as "30s", got ${quote(text)}`);
  const problem = unitProblem(q, text, DURATION_UNITS, DURATION_UNIT_NAMES);
  if (problem !== null) return bad(problem);
  if (q.fraction !== undefined && q.unit !== 's') {
    return bad(`expected a whole number before ${quote(q.unit)} (decimals only with "s"), got ${quote(text)}`);
  }
  const ms = q.unit === 's' ? secondsToMs(q.whole, q.fraction) : BigInt(q.whole) * BigInt(DURATION_UNITS[q.unit]!);
  if (ms === null) return bad(`expected a whole number of milliseconds, got ${quote(text)}`);
  return checkMs(q.negative ? -ms : ms, quote(text));
}

/** The canonical text of a duration: a string in the largest unit that divides it exactly. */
export function formatDuration(ms: number): string {
  const [unit, factor] = DURATION_PRINT_UNITS.find(([, f]) => ms % f === 0) ?? ['ms', 1];
  return `${ms / factor}${unit}`;
}
