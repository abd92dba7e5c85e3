/**
 * The compatibility key of an artifact: everything that decides whether its code may run on a
 * host — kiln version and build id, target, the CPU features the code uses, and every option
 * that changes code. Stored in `.kiln.header` as NUL-terminated `name=value` strings in a fixed
 * order (so `readelf -p .kiln.header` shows them).
 */

import { CwasmError } from './errors.js';

export type KeyBounds = 'guard' | 'explicit';

export interface CompatKey {
  readonly kilnVersion: string;
  /** hash over the code generator's sources at build time (linker/build-id.ts) */
  readonly buildId: string;
  /** `<isa>-linux` */
  readonly target: string;
  /** the CPU features the code uses, sorted */
  readonly cpuFeatures: readonly string[];
  readonly bounds: KeyBounds;
  /** loops and function entries check the interrupt flag */
  readonly interrupts: boolean;
  readonly optLevel: number;
}

const FIELDS = ['kiln-version', 'build-id', 'target', 'cpu-features', 'bounds', 'interrupts', 'opt-level'] as const;
type Field = (typeof FIELDS)[number];

function fieldsOf(k: CompatKey): Record<Field, string> {
  return {
    'kiln-version': k.kilnVersion,
    'build-id': k.buildId,
    target: k.target,
    'cpu-features': k.cpuFeatures.join(','),
    bounds: k.bounds,
    interrupts: k.interrupts ? 'on' : 'off',
    'opt-level': String(k.optLevel),
  };
}

export function encodeKey(k: CompatKey): Uint8Array {
  const f = fieldsOf(k);
  return new TextEncoder().encode(FIELDS.map((name) => `${name}=${f[name]}\0`).join(''));
}

/** the key's strings as `name=value` lines, for `kiln inspect` */
export function keyLines(k: CompatKey): string[] {
  const f = fieldsOf(k);
  return FIELDS.map((name) => `${name}=${f[name]}`);
}

const VALUE = /^[\x21-\x7e]*$/;

export function decodeKey(bytes: Uint8Array, at: number): CompatKey {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const parts = text.split('\0');
  if (parts.pop() !== '') throw new CwasmError('corrupt', 'the compatibility key is not NUL-terminated', at);
  if (parts.length !== FIELDS.length) throw new CwasmError('corrupt', `the compatibility key has ${parts.length} fields, expected ${FIELDS.length}`, at);
  const v: Partial<Record<Field, string>> = {};
  parts.forEach((p, i) => {
    const name = FIELDS[i] as Field;
    if (!p.startsWith(`${name}=`) || !VALUE.test(p.slice(name.length + 1))) throw new CwasmError('corrupt', `compatibility key field ${i + 1} is not ${name}=<value>`, at);
    v[name] = p.slice(name.length + 1);
  });
  const get = (n: Field): string => v[n] as string;
  const bounds = get('bounds');
  const interrupts = get('interrupts');
  const opt = get('opt-level');
  if (bounds !== 'guard' && bounds !== 'explicit') throw new CwasmError('corrupt', `unknown bounds mode '${bounds}'`, at);
  if (interrupts !== 'on' && interrupts !== 'off') throw new CwasmError('corrupt', `interrupts must be on or off, not '${interrupts}'`, at);
  if (!/^[0-2]$/.test(opt)) throw new CwasmError('corrupt', `unknown opt level '${opt}'`, at);
  const features = get('cpu-features');
  return {
    kilnVersion: get('kiln-version'),
    buildId: get('build-id'),
    target: get('target'),
    cpuFeatures: features === '' ? [] : features.split(','),
    bounds,
    interrupts: interrupts === 'on',
    optLevel: Number(opt),
  };
}
