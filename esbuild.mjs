// Bundles the extension into one CommonJS file; type-checking is done separately by `tsc`.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// node-fetch 2 falls back to the whatwg-url package only where Node has no `url.URL`; Node always has it, and the
// package's Unicode tables would be most of the bundle, so it is replaced by an empty module.
const dropWhatwgUrl = {
  name: 'drop-whatwg-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'empty-module' }));
    build.onLoad({ filter: /.*/, namespace: 'empty-module' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [dropWhatwgUrl],
};

// The lines VS Code's background task (.vscode/tasks.json) waits for before it starts the extension host.
const watchMarkers = {
  name: 'watch-markers',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) console.error(`✘ [ERROR] ${text} ${location ? `${location.file}:${location.line}` : ''}`);
      console.log('[watch] build finished');
    });
  },
};

if (watch) {
  const context = await esbuild.context({ ...options, plugins: [...options.plugins, watchMarkers] });
  await context.watch();
} else {
  const result = await esbuild.build(options);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`dist/extension.js: ${bytes} bytes${production ? ' (minified)' : ''}`);
}
