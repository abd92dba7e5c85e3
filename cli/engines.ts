/** The execution engines `kiln run --engine` can select. */

import { KilnError } from '../formats/errors.js';
import type { Engine } from '../loader/api.js';
import { interpEngine } from '../loader/interp/index.js';

const ENGINES: Readonly<Record<string, Engine>> = { interp: interpEngine };
export const ENGINE_NAMES: readonly string[] = Object.keys(ENGINES);

export function selectEngine(name: string): Engine {
  const engine = ENGINES[name];
  if (engine === undefined) {
    throw new KilnError('usage', `unknown engine "${name}" (available: ${ENGINE_NAMES.join(', ')})`);
  }
  return engine;
}
