/**
 * Names `kiln run --engine` accepts; light on purpose (engines.ts loads the engines).
 * `auto` is a policy, not an engine: native on x86-64 hosts for modules the native compiler
 * takes, the interpreter otherwise (engines.ts `chooseEngine`).
 */
import { KilnError } from '../formats/errors.js';

export const ENGINE_NAMES = ['interp', 'native'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
export const AUTO = 'auto';
export const ENGINE_CHOICES: readonly string[] = [AUTO, ...ENGINE_NAMES];

export function checkEngineName(name: string): EngineName | typeof AUTO {
  if (name !== AUTO && !(ENGINE_NAMES as readonly string[]).includes(name)) {
    throw new KilnError('usage', `unknown engine "${name}" (available: ${ENGINE_CHOICES.join(', ')})`);
  }
  return name as EngineName | typeof AUTO;
}
