/**
 * The parts of the CLI that are loaded on use, so that a command loads only the code it runs
 * (`kiln --version` loads neither decoder nor interpreter). Each is imported with a literal
 * specifier, so that the bundler (scripts/bundle.mjs) sees every lazy edge and puts the part
 * in its own chunk, loaded by the same `import()` in the bundle as in dist/.
 */

export const importLoad = (): Promise<typeof import('./load.js')> => import('./load.js');

export const importPlacement = (): Promise<typeof import('./run-placement.js')> => import('./run-placement.js');

export const importRunProgram = (): Promise<typeof import('./run-program.js')> => import('./run-program.js');

export const importRunDispatch = (): Promise<typeof import('./run-dispatch.js')> => import('./run-dispatch.js');

export const importBuildExe = (): Promise<typeof import('./build-exe.js')> => import('./build-exe.js');

export const importAppsActions = (): Promise<typeof import('./apps-actions.js')> => import('./apps-actions.js');

export const importLaunchApp = (): Promise<typeof import('./launch-app.js')> => import('./launch-app.js');

export const importRunArtifact = (): Promise<typeof import('./run-artifact.js')> => import('./run-artifact.js');

export const importCompileArtifact = (): Promise<typeof import('./compile-artifact.js')> => import('./compile-artifact.js');

export const importRunOnWorker = (): Promise<typeof import('./run-on-worker.js')> => import('./run-on-worker.js');

export const importDecode = (): Promise<typeof import('../formats/wasm/decode.js')> => import('../formats/wasm/decode.js');

export const importInspectReport = (): Promise<typeof import('./commands/inspect-report.js')> =>
  import('./commands/inspect-report.js');

export const importInspectCwasm = (): Promise<typeof import('./commands/inspect-cwasm.js')> => import('./commands/inspect-cwasm.js');

export const importWatPrinter = (): Promise<typeof import('../formats/wat/print.js')> => import('../formats/wat/print.js');

export const importCompile = (): Promise<typeof import('../targets/compile.js')> => import('../targets/compile.js');

export const importTargetsReport = (): Promise<typeof import('./commands/targets-report.js')> =>
  import('./commands/targets-report.js');

export const importCache = (): Promise<typeof import('../loader/cwasm/cache.js')> => import('../loader/cwasm/cache.js');
