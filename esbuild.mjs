// Bundles the extension; type-checking is done separately by `tsc`.
//
// Two passes, because esbuild splits code only for ES modules and VS Code loads extension.js as CommonJS:
// 1. ES modules with splitting: code behind a dynamic import() (the commands, the network client) goes to chunks of its own;
// 2. each file to CommonJS, import() lowered to require(): a chunk is read only when its import() first runs,
//    so activation loads dist/extension.js alone: the chunks it imports at once are bundled into it (see
//    activationMerge), and the chunks that load later take those from extension.js's exports.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// The test-only hooks (src/ui/testHooks.ts) are compiled in for the integration tests (`--test-hooks`) and development
// builds, and out of the build that ships: the two differ only by the branches WITH_TEST_HOOKS guards.
const withTestHooks = !production || process.argv.includes('--test-hooks');
const OUT_DIR = 'dist';
const SPLIT_DIR = 'out/bundle-esm';
const REPORT_FILE = 'out/bundle-report.json';

// The health overview's page (src/ui/view/healthPage.ts) is a style and a script kept readable as strings in the
// source; the webview runs them as they are, so a production build minifies them like the rest of the code.
const WEBVIEW_PAGE = /[\\/]src[\\/]ui[\\/]view[\\/]healthPage\.ts$/;
const WEBVIEW_PAGE_EXPORTS = ['HEALTH_PAGE_SCRIPT', 'HEALTH_PAGE_STYLE'];

/** @type {esbuild.Plugin} */
const minifyWebviewPage = {
  name: 'minify-webview-page',
  setup(build) {
    build.onLoad({ filter: WEBVIEW_PAGE }, async (args) => {
      const { code } = await esbuild.transform(readFileSync(args.path, 'utf8'), { loader: 'ts', format: 'cjs' });
      /** @type {{ exports: Record<string, unknown> }} */
      const page = { exports: {} };
      vm.runInNewContext(code, { module: page, exports: page.exports });
      const names = Object.keys(page.exports).filter((name) => name !== '__esModule').sort();
      // A new export must be handled here, not dropped from the build.
      if (names.join() !== WEBVIEW_PAGE_EXPORTS.join() || names.some((name) => typeof page.exports[name] !== 'string')) {
        throw new Error(`${args.path} exports ${names.join(', ')}; esbuild.mjs minifies exactly the strings ${WEBVIEW_PAGE_EXPORTS.join(', ')}`);
      }
      const style = await esbuild.transform(String(page.exports.HEALTH_PAGE_STYLE), { loader: 'css', minify: true });
      const script = await esbuild.transform(String(page.exports.HEALTH_PAGE_SCRIPT), { minify: true, target: 'es2019', legalComments: 'none' });
      return {
        contents: `export const HEALTH_PAGE_STYLE = ${JSON.stringify(style.code.trim())};\nexport const HEALTH_PAGE_SCRIPT = ${JSON.stringify(script.code.trim())};\n`,
        loader: 'js',
      };
    });
  },
};

/**
 * Pass 2 converts one file at a time: the other chunks it imports stay imports (now require calls), except chunks
 * pass 1 left empty (a module of types only still gets one), which are dropped instead of shipped and loaded, and
 * the chunks `bundled` into this file (extension.js takes in the chunks activation loads).
 * @param {ReadonlySet<string>} emptyChunks base names
 * @param {ReadonlySet<string>} [bundled] base names
 * @returns {esbuild.Plugin}
 */
function chunksStayExternal(emptyChunks, bundled = new Set()) {
  return {
    name: 'chunks-stay-external',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point' || bundled.has(path.basename(args.path))) return undefined;
        return emptyChunks.has(path.basename(args.path)) ? { path: args.path, namespace: 'empty-chunk' } : { path: args.path, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'empty-chunk' }, () => ({ contents: '', loader: 'js' }));
    },
  };
}

/** @param {string} dir @param {RegExp} name @returns {string[]} the text of each file below dir whose name matches */
function textsBelow(dir, name) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => name.test(file)).map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

/** @returns {string[]} the packages the bundle carries: package.json's dependencies */
function bundledPackages() {
  /** @type {unknown} */
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const dependencies = typeof manifest === 'object' && manifest !== null && 'dependencies' in manifest ? manifest.dependencies : undefined;
  return typeof dependencies === 'object' && dependencies !== null ? Object.keys(dependencies) : [];
}

/**
 * Our `private` fields and methods that the code names only as `this.name` (and where it declares them), and that
 * neither VS Code's nor Node's API nor a bundled package (package.json's dependencies) uses: esbuild may give those
 * short names, as it does local variables. A name also written anywhere else (a key, a string, a comment, another
 * object's member) keeps its name.
 * @returns {string[]}
 */
function privateOnlyProperties() {
  const source = textsBelow('src', /\.ts$/).join('\n');
  const declared = new Set([...source.matchAll(/\bprivate\s+(?:readonly\s+|async\s+)*([A-Za-z_$][\w$]*)/g)].map((match) => match[1]));
  const outside = [
    readFileSync('node_modules/@types/vscode/index.d.ts', 'utf8'),
    ...textsBelow('node_modules/@types/node', /\.d\.ts$/),
    ...bundledPackages().flatMap((name) => textsBelow(path.join('node_modules', name), /\.(c|m)?js$/)),
  ].join('\n');
  const count = (/** @type {string} */ text, /** @type {RegExp} */ pattern) => text.match(pattern)?.length ?? 0;
  return [...declared]
    .filter((name) => name.length > 2 && !['async', 'readonly', 'constructor'].includes(name))
    .filter((name) => {
      const escaped = name.replace(/\$/g, '\\$');
      const anywhere = count(source, new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g'));
      const asPrivate = count(source, new RegExp(`(?:\\bthis\\.|\\bprivate\\s+(?:readonly\\s+|async\\s+)*)${escaped}(?![\\w$])`, 'g'));
      return anywhere === asPrivate && !new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(outside);
    })
    .sort();
}

/** Production only: the properties esbuild renames (see privateOnlyProperties), also listed in the bundle report. */
const MANGLED_PROPERTIES = production ? privateOnlyProperties() : [];

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
  charset: /** @type {const} */ ('utf8'),
  logLevel: /** @type {const} */ ('warning'),
  metafile: true,
  define: { WITH_TEST_HOOKS: String(withTestHooks) },
  ...(MANGLED_PROPERTIES.length > 0 ? { mangleProps: new RegExp(`^(?:${MANGLED_PROPERTIES.join('|')})$`) } : {}),
};

/** @satisfies {esbuild.BuildOptions} */
const splitOptions = {
  ...common,
  entryPoints: ['src/extension.ts'],
  format: /** @type {const} */ ('esm'),
  splitting: true,
  outdir: SPLIT_DIR,
  chunkNames: '[name]-[hash]',
  // A package's ES module build where it has one (its `module` field): no CommonJS wrapper to carry.
  mainFields: ['module', 'main'],
  plugins: production ? [minifyWebviewPage] : [],
};

/** @param {string} dir */
function emptyDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/** The file that holds esbuild's CommonJS helpers once, for every production chunk (see hoistHelpers). */
const RUNTIME_FILE = 'runtime.js';

/**
 * esbuild starts every CommonJS file with the same helpers (__export, __toCommonJS, __toESM, ...), about 600 bytes
 * minified, more than some chunks' code. In a production build the chunks that load after activation take them from
 * one runtime.js instead (extension.js keeps the ones it calls: see withOwnHelpers). A file whose helpers differ (a
 * bundled CommonJS package brings its own) keeps them.
 * @param {string} code pass 2's unminified output: the helpers, then the first file comment
 * @returns {{ helpers: Map<string, string>, rest: string }}
 */
function splitHelpers(code) {
  const body = code.search(/^\/\/ /m);
  const prelude = body < 0 ? '' : code.slice(0, body);
  /** @type {Map<string, string>} */
  const helpers = new Map();
  for (const part of prelude.split(/^(?=var __\w+ = )/m)) {
    const name = /^var (__\w+) = /.exec(part)?.[1];
    // esbuild renames a helper's parameter (`to` -> `to2`) where the file's own code has the name: the same helper.
    if (name !== undefined) helpers.set(name, `${part.trim().replace(/\b([A-Za-z_$][\w$]*?)\d+\b/g, '$1')}\n`);
    else if (part.trim() !== '') return { helpers: new Map(), rest: code };
  }
  // The `0 && (module.exports = {...})` hint serves only ES modules importing a CommonJS file; nothing here does.
  const rest = code.slice(Math.max(body, 0)).replace(/^0 && \(module\.exports = \{[^}]*\}\);\s*$/m, '');
  return { helpers, rest };
}

/**
 * Each source module's `import * as vscode` became a `__toESM(require("vscode"))` of its own: every one copies the
 * whole API object into a new one at load. One plain require per file serves them all (nothing reads its `default`).
 * @param {string} code
 */
function oneVscodeRequire(code) {
  /** @type {string | undefined} */
  let first;
  return code.replace(/^var (\w+) = __toESM\(require\("vscode"\)\);$/gm, (/** @type {string} */ _, /** @type {string} */ name) => {
    // A default import (`import vscode from 'vscode'`) reads `.default`, which only __toESM provides.
    if (code.includes(`${name}.default`)) throw new Error(`a module reads vscode's default export (${name}.default): import it as \`import * as vscode\``);
    if (first !== undefined) return `var ${name} = ${first};`;
    first = name;
    return `var ${name} = require("vscode");`;
  });
}

/**
 * The file's code taking from runtime.js only the helpers it calls (the others serve those helpers inside runtime.js).
 * Its exports object is its module.exports as it is: our files require each other by name, and VS Code reads
 * `activate`, so none needs the copy and the `__esModule` flag that `__toCommonJS` adds.
 * @param {Map<string, string>} helpers
 * @param {string} rest
 */
function withRuntimeRequire(helpers, rest) {
  const code = plainExports(rest);
  const used = [...helpers.keys()].filter((name) => new RegExp(`\\b${name}\\b`).test(code));
  return used.length === 0 ? code : `var { ${used.join(', ')} } = require("./${RUNTIME_FILE}");\n${code}`;
}

/** @param {string} rest */
function plainExports(rest) {
  return oneVscodeRequire(rest).replace(/^module\.exports = __toCommonJS\((\w+)\);$/m, 'module.exports = $1;');
}

/**
 * extension.js keeps the helpers it calls, and those they call, in itself: activation then reads one file, not two.
 * @param {Map<string, string>} helpers
 * @param {string} rest
 */
function withOwnHelpers(helpers, rest) {
  const code = plainExports(rest);
  const kept = new Set();
  for (let text = code, grew = true; grew; ) {
    const more = [...helpers.keys()].filter((name) => !kept.has(name) && new RegExp(`\\b${name}\\b`).test(text));
    for (const name of more) kept.add(name);
    text = more.map((name) => helpers.get(name)).join('');
    grew = more.length > 0;
  }
  return `${[...helpers].filter(([name]) => kept.has(name)).map(([, definition]) => definition).join('')}${code}`;
}

/** @param {string} code */
async function minified(code) {
  return (await esbuild.transform(code, { minify: true, format: 'cjs', target: common.target, legalComments: 'none', charset: 'utf8' })).code;
}

/**
 * The files' minified code, with the helpers every file agrees on moved to runtime.js (extension.js keeps its own).
 * @param {{ outfile: string, code: string, isEntry: boolean }[]} outputs
 * @returns {Promise<{ outfile: string, code: string }[]>}
 */
async function withSharedHelpers(outputs) {
  const split = outputs.map((output) => ({ ...output, ...splitHelpers(output.code) }));
  // Each helper as most files define it: a file that bundles a CommonJS package may bring a variant of its own.
  /** @type {Map<string, Map<string, number>>} */
  const counts = new Map();
  for (const { helpers } of split) {
    for (const [name, definition] of helpers) {
      const forName = counts.get(name) ?? /** @type {Map<string, number>} */ (new Map());
      forName.set(definition, (forName.get(definition) ?? 0) + 1);
      counts.set(name, forName);
    }
  }
  /** @type {Map<string, string>} */
  const shared = new Map([...counts].map(([name, forName]) => [name, [...forName].sort((a, b) => b[1] - a[1])[0][0]]));
  const agrees = (/** @type {Map<string, string>} */ helpers) => helpers.size > 0 && [...helpers].every(([name, definition]) => shared.get(name) === definition);
  const files = await Promise.all(
    split.map(async ({ outfile, code, helpers, rest, isEntry }) => {
      const own = isEntry && helpers.size > 0;
      return { outfile, code: await minified(own ? withOwnHelpers(helpers, rest) : agrees(helpers) ? withRuntimeRequire(helpers, rest) : code) };
    }),
  );
  const runtime = `${[...shared.values()].join('')}module.exports = { ${[...shared.keys()].join(', ')} };\n`;
  return [...files, { outfile: path.join(OUT_DIR, RUNTIME_FILE), code: await minified(runtime) }];
}

/** The entry's file name in pass 1 and in dist. */
const ENTRY_FILE = 'extension.js';
/** A later chunk's name for extension.js's exports, which serve it the chunks merged there (mergedChunksFromEntry). */
const ENTRY_MODULE = 'merged_chunks';

/**
 * @typedef {object} ActivationMerge
 * @property {string} entry pass 1's extension.js
 * @property {Set<string>} merged base names of the chunks activation loads, which pass 2 bundles into extension.js
 * @property {Map<string, string>} keys for each merged chunk a later chunk imports, the name extension.js exports
 *   its module under
 */

/**
 * Node reads, resolves and compiles each file of its own; for the dozen small chunks activation loaded, that cost
 * more than their code (a profile of the load: bench/README.md). So pass 2 bundles them into extension.js, which
 * exports each one a later chunk imports as a module object (`chunk_5L77MZSV`); the later chunk reads it there
 * instead of from a file. Module objects keep esbuild's getters, so bindings stay live as they were across files.
 * @param {esbuild.Metafile} splitMetafile
 * @param {ReadonlySet<string>} emptyChunks
 * @returns {ActivationMerge}
 */
function activationMerge(splitMetafile, emptyChunks) {
  const outputs = splitMetafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === 'src/extension.ts');
  if (entry === undefined) throw new Error('pass 1 wrote no output for src/extension.ts');
  const imported = (/** @type {string} */ file) => outputs[file].imports.filter((each) => each.kind === 'import-statement' && each.path in outputs).map((each) => each.path);
  /** @type {Set<string>} */
  const atActivation = new Set();
  for (const pending = imported(entry); pending.length > 0; ) {
    const file = /** @type {string} */ (pending.pop());
    if (atActivation.has(file) || emptyChunks.has(path.basename(file))) continue;
    atActivation.add(file);
    pending.push(...imported(file));
  }
  const merged = new Set([...atActivation].map((file) => path.basename(file)));
  const later = Object.keys(outputs).filter((file) => file.endsWith('.js') && file !== entry && !atActivation.has(file));
  const needed = new Set(later.flatMap(imported).map((file) => path.basename(file)).filter((name) => merged.has(name)));
  const keys = new Map([...needed].sort().map((name) => [name, name.replace(/\.js$/, '').replace(/\W/g, '_')]));
  return { entry, merged, keys };
}

/**
 * Pass 2's entry for extension.js: pass 1's extension.js, and the module of each merged chunk a later chunk needs.
 * @param {ActivationMerge} merge
 * @returns {esbuild.StdinOptions}
 */
function mergedEntry(merge) {
  const modules = [...merge.keys].map(([name, key]) => `export * as ${key} from "./${name}";\n`);
  return { contents: `export * from "./${ENTRY_FILE}";\n${modules.join('')}`, resolveDir: path.resolve(SPLIT_DIR), sourcefile: 'merged-entry.js', loader: 'js' };
}

/**
 * A later chunk's code with each merged chunk it requires read from extension.js's exports instead.
 * @param {string} code pass 2's output
 * @param {ActivationMerge} merge
 * @param {string} file for the error
 */
function mergedChunksFromEntry(code, merge, file) {
  let rewritten = code;
  for (const [name, key] of merge.keys) rewritten = rewritten.split(`require("./${name}")`).join(`${ENTRY_MODULE}.${key}`);
  const left = [...merge.merged].find((name) => rewritten.includes(`"./${name}"`));
  // A merged chunk is no file in dist: a require of it left here would fail when this chunk loads.
  if (left !== undefined) throw new Error(`${file} still refers to ${left}, which is bundled into ${ENTRY_FILE}`);
  if (!rewritten.includes(ENTRY_MODULE)) return rewritten;
  // One require of extension.js per file, before the code that reads it (after esbuild's helpers and the exports).
  const firstUse = rewritten.indexOf(ENTRY_MODULE);
  const lineStart = rewritten.lastIndexOf('\n', firstUse) + 1;
  return `${rewritten.slice(0, lineStart)}var ${ENTRY_MODULE} = require("./${ENTRY_FILE}");\n${rewritten.slice(lineStart)}`;
}

/**
 * A later chunk's imports of other chunks (`import{a as t}from"./chunk-X.js"`, at the start of pass 1's output) as
 * destructuring requires, so that pass 2 calls `t()` where it would write `(0, import_chunk_X.a)()` at every use: 1,041
 * cross-chunk calls at about 6 bytes each. The values are read once, when the chunk loads; that is what the live
 * binding would give too, because no chunk exports a binding that changes later (src has no `export let`; ESLint has
 * no rule for it, so noMutableExports checks the source) and no two chunks import each other (noChunkCycle): each chunk
 * has run to its end before another reads its exports. An empty chunk's import goes (pass 1 left nothing in it).
 * @param {string} code pass 1's output
 * @param {ReadonlySet<string>} emptyChunks
 */
function importsAsRequires(code, emptyChunks) {
  const IMPORT = /^import\s*(?:\{([^}]*)\}\s*from\s*)?"(\.\/[\w.-]+\.js)";?\s*/;
  // vscode's and Node's modules stay imports, as esbuild converts them (see oneVscodeRequire).
  const PACKAGE_IMPORT = /^import\s*[^"]*?from\s*"(?!\.)[^"]+";?\s*/;
  const packages = [];
  const requires = [];
  let rest = code;
  for (let match = IMPORT.exec(rest) ?? PACKAGE_IMPORT.exec(rest); match !== null; match = IMPORT.exec(rest) ?? PACKAGE_IMPORT.exec(rest)) {
    const [statement, names, file] = match;
    rest = rest.slice(statement.length);
    if (file === undefined) packages.push(statement);
    if (file === undefined || emptyChunks.has(file.slice(2))) continue;
    const bindings = (names ?? '').split(',').map((name) => name.trim().replace(/^([\w$]+)\s+as\s+([\w$]+)$/, '$1: $2')).filter((name) => name !== '');
    requires.push(bindings.length === 0 ? `require("${file}");` : `const { ${bindings.join(', ')} } = require("${file}");`);
  }
  // Another form of import (a namespace, a default) would be read as code below: refuse it instead.
  if (/^import\b/.test(rest)) throw new Error(`pass 1 wrote an import this build does not turn into a require: ${rest.slice(0, 80)}`);
  return `${packages.join('')}${requires.join('\n')}\n${rest}`;
}

/**
 * importsAsRequires reads a chunk's exports once: a cycle among the chunks would let one read another's exports
 * before that one ran, so the build stops instead.
 * @param {esbuild.Metafile} splitMetafile
 */
function noChunkCycle(splitMetafile) {
  const outputs = splitMetafile.outputs;
  /** @type {Map<string, 'visiting' | 'done'>} */
  const state = new Map();
  const visit = (/** @type {string} */ file, /** @type {string[]} */ trail) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') throw new Error(`the chunks import each other: ${[...trail, file].map((each) => path.basename(each)).join(' -> ')}`);
    state.set(file, 'visiting');
    for (const each of outputs[file].imports) if (each.kind === 'import-statement' && each.path in outputs) visit(each.path, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of Object.keys(outputs)) visit(file, []);
}

/**
 * The source declares no exported binding it could change later (`export let`, `export var`): importsAsRequires
 * copies each export once.
 */
function noMutableExports() {
  const exportsMutable = (/** @type {string} */ text) => {
    if (/^export\s+(?:let|var)\b/m.test(text)) return true;
    // `let x; … export { x }`: a module-level let or var named in an export list.
    const lists = [...text.matchAll(/^export\s*\{([^}]*)\}(?!\s*from)/gm)].flatMap((match) => match[1].split(',').map((name) => name.trim().split(/\s+as\s+/)[0]));
    return lists.some((name) => name !== '' && new RegExp(`^(?:let|var)\\s+${name.replace(/\$/g, '\\$')}\\b`, 'm').test(text));
  };
  const mutable = textsBelow('src', /\.ts$/).filter(exportsMutable);
  if (mutable.length > 0) throw new Error(`a module of src exports a let or var binding: ${mutable[0].slice(0, 80)}; importsAsRequires would copy it once`);
}

/**
 * Pass 2's input for a later chunk in a production build: pass 1's file with its imports as requires.
 * @param {string} file
 * @param {ReadonlySet<string>} emptyChunks
 * @returns {esbuild.StdinOptions}
 */
function laterChunk(file, emptyChunks) {
  return { contents: importsAsRequires(readFileSync(file, 'utf8'), emptyChunks), resolveDir: path.resolve(path.dirname(file)), sourcefile: path.basename(file), loader: 'js' };
}

/**
 * Pass 2 over the files pass 1 wrote this time (a watch leaves older chunks behind); returns the bytes per file and
 * which chunks went into extension.js.
 * @param {esbuild.Metafile} splitMetafile
 * @returns {Promise<{ sizes: Record<string, number>, merge: ActivationMerge }>}
 */
async function toCommonJs(splitMetafile) {
  emptyDir(OUT_DIR);
  const js = Object.keys(splitMetafile.outputs).filter((file) => file.endsWith('.js'));
  const emptyChunks = new Set(js.filter((file) => splitMetafile.outputs[file].bytes === 0).map((file) => path.basename(file)));
  const merge = activationMerge(splitMetafile, emptyChunks);
  const files = js.filter((file) => !emptyChunks.has(path.basename(file)) && !merge.merged.has(path.basename(file)));
  if (production) {
    noChunkCycle(splitMetafile);
    noMutableExports();
  }
  const outputs = await Promise.all(
    files.map(async (file) => {
      const outfile = path.join(OUT_DIR, path.basename(file));
      const isEntry = file === merge.entry;
      const result = await esbuild.build({
        ...common,
        ...(isEntry ? { stdin: mergedEntry(merge) } : production ? { stdin: laterChunk(file, emptyChunks) } : { entryPoints: [path.resolve(file)] }),
        format: 'cjs',
        outfile,
        supported: { 'dynamic-import': false },
        plugins: [chunksStayExternal(emptyChunks, isEntry ? new Set([ENTRY_FILE, ...merge.merged]) : undefined)],
        minify: false,
        write: false,
      });
      const text = result.outputFiles.find((output) => output.path.endsWith('.js'))?.text ?? '';
      const map = result.outputFiles.find((output) => output.path.endsWith('.map'));
      return { outfile, isEntry, code: isEntry ? text : mergedChunksFromEntry(text, merge, outfile), map: map?.text };
    }),
  );
  /** @type {Record<string, number>} */
  const sizes = {};
  if (!production) {
    for (const { outfile, code, map } of outputs) {
      writeFileSync(outfile, code);
      if (map !== undefined) writeFileSync(`${outfile}.map`, map);
      sizes[outfile] = Buffer.byteLength(code);
    }
    return { sizes, merge };
  }
  for (const { outfile, code } of await withSharedHelpers(outputs)) {
    writeFileSync(outfile, code);
    sizes[outfile] = Buffer.byteLength(code);
  }
  return { sizes, merge };
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

/**
 * What test/unit/byteBudgets.test.ts weighs: each file of dist with its bytes, the source files in it (largest first) and
 * whether activation loads it (dist/extension.js, which holds the chunks activation needs, and runtime.js if it uses it).
 * @param {esbuild.Metafile} splitMetafile
 * @param {Record<string, number>} sizes
 * @param {ActivationMerge} merge
 */
function writeBundleReport(splitMetafile, sizes, merge) {
  const outputs = splitMetafile.outputs;
  // Pass 1's files in a file of dist: extension.js holds the merged chunks too.
  const splitFilesOf = (/** @type {string} */ name) =>
    Object.keys(outputs).filter((file) => path.basename(file) === name || (name === ENTRY_FILE && merge.merged.has(path.basename(file))));
  const files = Object.keys(sizes).map((outfile) => {
    const name = path.basename(outfile);
    const sources = splitFilesOf(name).flatMap((file) => Object.entries(outputs[file].inputs)).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
    const inputs = sources.map(([input]) => input);
    // Pass 1's minified bytes per source file: where a chunk's bytes come from (bench/bundle.ts prints the largest).
    /** @type {Record<string, number>} */
    const inputBytes = {};
    for (const [input, { bytesInOutput }] of sources) inputBytes[input] = (inputBytes[input] ?? 0) + bytesInOutput;
    const code = readFileSync(outfile, 'utf8');
    return { name, bytes: sizes[outfile], inputs, inputBytes, activation: name === ENTRY_FILE, usesRuntime: code.includes(`require("./${RUNTIME_FILE}")`) };
  });
  const usedAtActivation = files.some((file) => file.activation && file.usesRuntime);
  const report = files.map(({ name, bytes, inputs, inputBytes, activation }) => ({ name, bytes, inputs, inputBytes, activation: name === RUNTIME_FILE ? usedAtActivation : activation }));
  mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
  writeFileSync(REPORT_FILE, `${JSON.stringify({ production, testHooks: withTestHooks, mangledProperties: MANGLED_PROPERTIES, files: report }, null, 1)}\n`);
}

emptyDir(SPLIT_DIR);
if (watch) {
  const context = await esbuild.context({ ...splitOptions, plugins: [...splitOptions.plugins, watchMarkers] });
  await context.watch();
} else {
  const { metafile } = await esbuild.build(splitOptions);
  const { sizes, merge } = await toCommonJs(metafile);
  writeBundleReport(metafile, sizes, merge);
  report(sizes);
}
