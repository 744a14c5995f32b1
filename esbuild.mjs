// Bundles the extension; type-checking is done separately by `tsc`.
//
// Two passes, because esbuild splits code only for ES modules and VS Code loads extension.js as CommonJS:
// 1. ES modules with splitting: code behind a dynamic import() (the commands, node-fetch) goes to chunks of its own;
// 2. each file to CommonJS, import() lowered to require(): a chunk is read only when its import() first runs,
//    so activation loads dist/extension.js alone.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const OUT_DIR = 'dist';
const SPLIT_DIR = 'out/bundle-esm';

// node-fetch 2 falls back to the whatwg-url package only where Node has no `url.URL`; Node always has it, and the
// package's Unicode tables would be most of the bundle, so it is replaced by an empty module.
/** @type {esbuild.Plugin} */
const dropWhatwgUrl = {
  name: 'drop-whatwg-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'empty-module' }));
    build.onLoad({ filter: /.*/, namespace: 'empty-module' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** Pass 2 converts one file at a time: the other chunks it imports stay imports (now require calls). @type {esbuild.Plugin} */
const chunksStayExternal = {
  name: 'chunks-stay-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path, external: true }));
  },
};

/** @satisfies {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: /** @type {const} */ ('none'),
  logLevel: /** @type {const} */ ('warning'),
  metafile: true,
};

/** @satisfies {esbuild.BuildOptions} */
const splitOptions = {
  ...common,
  entryPoints: ['src/extension.ts'],
  format: /** @type {const} */ ('esm'),
  splitting: true,
  outdir: SPLIT_DIR,
  chunkNames: '[name]-[hash]',
  plugins: [dropWhatwgUrl],
};

/** @param {string} dir */
function emptyDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/**
 * Pass 2 over the files pass 1 wrote this time (a watch leaves older chunks behind); returns the bytes per file.
 * @param {esbuild.Metafile} splitMetafile
 */
async function toCommonJs(splitMetafile) {
  emptyDir(OUT_DIR);
  const files = Object.keys(splitMetafile.outputs).filter((file) => file.endsWith('.js'));
  /** @type {Record<string, number>} */
  const sizes = {};
  await Promise.all(
    files.map(async (file) => {
      const result = await esbuild.build({
        ...common,
        entryPoints: [path.resolve(file)],
        format: 'cjs',
        outfile: path.join(OUT_DIR, path.basename(file)),
        supported: { 'dynamic-import': false },
        plugins: [chunksStayExternal],
      });
      for (const [file, output] of Object.entries(result.metafile.outputs)) if (file.endsWith('.js')) sizes[file] = output.bytes;
    }),
  );
  return sizes;
}

/** @param {Record<string, number>} sizes */
function report(sizes) {
  const files = Object.keys(sizes).sort((a, b) => (a.endsWith('extension.js') ? -1 : b.endsWith('extension.js') ? 1 : a.localeCompare(b)));
  const total = files.reduce((sum, file) => sum + sizes[file], 0);
  for (const file of files) console.log(`${file}: ${sizes[file]} bytes${production ? ' (minified)' : ''}`);
  console.log(`all of ${OUT_DIR}: ${total} bytes in ${files.length} files`);
}

/**
 * The lines the F5 task's problem matcher reads (.vscode/tasks.json): a start and an end marker around each build,
 * and each error as `file:line:column: error: text` (esbuild's own columns count from 0, VS Code's from 1).
 * @type {esbuild.Plugin}
 */
const watchMarkers = {
  name: 'watch-markers',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd(async (result) => {
      for (const { text, location } of result.errors) {
        const where = location ? `${location.file}:${location.line}:${location.column + 1}` : 'esbuild.mjs:1:1';
        console.error(`${where}: error: ${text}`);
      }
      if (result.errors.length === 0 && result.metafile) await toCommonJs(result.metafile);
      console.log('[watch] build finished');
    });
  },
};

emptyDir(SPLIT_DIR);
if (watch) {
  const context = await esbuild.context({ ...splitOptions, plugins: [...splitOptions.plugins, watchMarkers] });
  await context.watch();
} else {
  report(await toCommonJs((await esbuild.build(splitOptions)).metafile));
}
