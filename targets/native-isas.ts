/**
 * The `NativeIsa` of each ISA the native engine runs on, and the host's. The engine asks for
 * the host's once; nothing else chooses by ISA.
 */

import { KilnError } from '../formats/errors.js';
import type { Isa } from './compiled.js';
import { hostIsa } from './host.js';
import type { NativeIsa } from './native-isa.js';
import { aarch64Native } from './aarch64/native.js';
import { x86Native } from './x86_64/native.js';

const NATIVE: Readonly<Record<Isa, NativeIsa>> = { x86_64: x86Native, aarch64: aarch64Native };

/** the engine support of `isa` */
export function nativeIsaOf(isa: Isa): NativeIsa {
  return NATIVE[isa];
}

/** the engine support of the host's ISA (an `unsupported` error when kiln has none for it) */
export function hostNativeIsa(): NativeIsa {
  const isa = hostIsa();
  if (isa === null) throw new KilnError('unsupported', `the native engine does not run on ${process.arch} yet`);
  return nativeIsaOf(isa);
}
