/**
 * The registry of execution engines, by the names `kiln run --engine` accepts
 * (engine-names.ts). Adding an engine: its name in ENGINE_NAMES and its line below (the
 * compiler rejects one without the other).
 */

import type { Engine } from '../loader/api.js';
import { interpEngine } from '../loader/interp/index.js';
import { checkEngineName, ENGINE_NAMES, type EngineName } from './engine-names.js';

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  interp: interpEngine,
};

/** the engine called `name`; KilnError('usage') naming the available ones for any other name */
export function selectEngine(name: string): Engine {
  return ENGINES[checkEngineName(name)];
}

/** every registered engine, in ENGINE_NAMES order */
export function allEngines(): Engine[] {
  return ENGINE_NAMES.map((n) => ENGINES[n]);
}
