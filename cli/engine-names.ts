/** Names `kiln run --engine` accepts; light on purpose (engines.ts loads the engines). */
import { KilnError } from '../formats/errors.js';

export const ENGINE_NAMES = ['interp'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function checkEngineName(name: string): EngineName {
  if (!(ENGINE_NAMES as readonly string[]).includes(name)) {
    throw new KilnError('usage', `unknown engine "${name}" (available: ${ENGINE_NAMES.join(', ')})`);
  }
  return name as EngineName;
}
