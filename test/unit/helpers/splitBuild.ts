// The extension's split build, in memory, for tests that ask esbuild what lands in which chunk.
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(__dirname, '../../../..');

/** `src/extension.ts` bundled and split as `esbuild.mjs` splits it, nothing written; `options` adds to or overrides. */
export function splitBuild(outdir: string, options: esbuild.BuildOptions = {}): Promise<esbuild.BuildResult<{ metafile: true; write: false }>> {
  return esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/extension.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir,
    external: ['vscode'],
    logLevel: 'silent',
    ...options,
    metafile: true,
    write: false,
  });
}
