/** Names `kiln run --engine` accepts; light on purpose (engines.ts loads the engines). */
export const ENGINE_NAMES = ['interp'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
