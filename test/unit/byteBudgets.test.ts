// Byte budgets (issue 20 §1). Bytes are deterministic, so unlike times they may fail the build. Each failure names
// the chunks that grew against test/unit/byteBudgets.baseline.json and by how much; after a growth that is meant
// and fits, `UPDATE_BYTE_BASELINE=1 npm run test:unit` rewrites the baseline.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BUILD_ONLY_MANIFEST_KEYS, packageVsix, PACKAGED_README_END, sectionHeadings } from '../../scripts/packageVsix';
import { BASELINE_FILE, type Baseline, type BundleFile, growthReport, partName, readBaseline, readBundle, ROOT, sumBytes, zipEntries, zipEntryText } from './helpers/bundleBytes';

const KB = 1024;
/**
 * Issue 20's target, met: 30,616 B after the bundle lost its CommonJS interop chunk and repeated helpers, with the
 * l10n port's t() in the core; the compiled translator loads with the token rows to stay within it.
 */
const ACTIVATION_TARGET = 30 * KB;
const ACTIVATION_LIMIT = ACTIVATION_TARGET;
/**
 * Issue 20's target for the rest of dist is 150 KB; it measured 255,674 B after this round's cuts and 265,452 B
 * (259.2 KB) with the l10n port (every sentence through t(), 9 KB, most in commands). The cuts that are left are code,
 * not build settings: the commands chunk (93 KB: every wizard and its words), the
 * network chunk (42 KB, 18 KB of it node-fetch), the code scan (15 KB), PatService with the tenant
 * registry (14 KB) and the CLI import's YAML reader (12 KB). Issue 22's filter, identity search and safe modal
 * defaults added 5.4 KB (270,872 B, 264.5 KB). Issue 22 §4's scope-picker actions and word search added 2.1 KB on top
 * of issue 20's speed work (275,011 B, 268.6 KB measured), and the daily reminder's pick of the token to rotate 0.8 KB
 * (275,835 B, 269.4 KB). The 10,000-token rows' shared phrases (one filling per load, not per row) added 1.2 KB and
 * reading a tenant's credentials once per window 0.6 KB (277,656 B, 271.1 KB). Short names for private-only members
 * cut 3.4 KB and the test-only hooks' own chunk added 0.9 KB (274,923 B, 268.5 KB); bench/README.md has the per-file
 * profile and what would meet 150 KB. The build without test hooks (-7.6 KB), the CLI config read by its shape
 * (-4.7 KB) and direct calls between chunks with one require of extension.js each (-6.4 KB) made it 255,696 B
 * (249.7 KB). Our own transport over Node's https.request in place of node-fetch (VS Code's proxy support patches
 * exactly that function) cut the network chunk 43 -> 26 KB: 239,128 B (233.5 KB). The first seconds' work
 * added about 1 KB to activation (the log channel made on first use, the log line of the first rows' own times,
 * setContext only on a change): 240,190 B (234.6 KB); with the 10,000-token rows' sharing 240,784 B (235.1 KB). This ceiling holds it at the measured size plus about 0.75 KB.
 */
const REST_OF_DIST_TARGET = 150 * KB;
const REST_OF_DIST_LIMIT = 235.75 * KB;
/**
 * Issue 20's target for the .vsix is 150 KB with the scope data, counting the whole package. It measured 229,701 B (224.3 KB):
 * the scope catalogue 37 KB packed, the German bundle 20 KB (VS Code's format keys each message by its English text),
 * README 22 KB, CHANGELOG 12 KB, the rest of dist about 85 KB and the four walkthrough pictures 15 KB (lossy WebP
 * since issue 20; 55 KB packed as JPEGs, when the whole was 271,070 B). One ceiling for all of it: the measured size plus a small margin.
 * After issue 22's filter, identity search and modals (more commands, 0.3 KB more German) it is 233,125 B (227.7 KB);
 * with the scope picker's actions, word search and the reminder's pick 236,301 B (230.8 KB). The packaged README
 * without its developers' sections, the icon re-compressed, the shorter member names and the test-only chunk left out
 * made it 226,862 B (221.5 KB), and zopfli's deflate of every entry 215,359 B (210.3 KB); 216,364 B (211.3 KB) with
 * the first-seconds and 10,000-row work. No test hooks, the shorter CLI reader and compact JSON with package.json
 * without its build-only keys made it 209,525 B (204.6 KB); without node-fetch 205,092 B (200.3 KB); with the first seconds' work 205,806 B (201.0 KB), with the rows' work 206,096 B (201.3 KB). The ceiling leaves 2 KB, so a README or CHANGELOG edit
 * (both ship) does not fail the build while code growth still does.
 */
const VSIX_TARGET = 150 * KB;
const VSIX_LIMIT = 203.5 * KB;

/** The generated scope catalogue: the one chunk outside the rest-of-dist budget (the catalogue has its own). */
function isScopeData(file: BundleFile): boolean {
  return file.inputs.some((input) => /^src\/core\/scopes\/catalogueData/.test(input));
}

function partsOf(files: readonly BundleFile[]): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const file of files) parts[partName(file)] = (parts[partName(file)] ?? 0) + file.bytes;
  return parts;
}

function kb(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B (${(bytes / KB).toFixed(1)} KB)`;
}

function overBudget(what: string, bytes: number, limit: number, growth: string, target?: number): string {
  const goal = target !== undefined && target < limit ? ` (issue 20's target: ${kb(target)})` : '';
  return `${what} is ${kb(bytes)}, over its budget of ${kb(limit)}${goal} by ${(bytes - limit).toLocaleString('en-US')} B.\n${growth}`;
}

/** The package `npm run package` made, unless dist is newer; then one made here (vsce takes a while). */
function vsixBytes(): { bytes: number; entries: Record<string, number>; readme: string; manifest: string } {
  const made = path.join(ROOT, 'sailpoint-pat-manager.vsix');
  const distTime = statSync(path.join(ROOT, 'dist/extension.js')).mtimeMs;
  const fresh = statSync(made, { throwIfNoEntry: false });
  let file = made;
  let dir: string | undefined;
  if (fresh === undefined || fresh.mtimeMs < distTime) {
    dir = mkdtempSync(path.join(tmpdir(), 'byte-budget-'));
    file = path.join(dir, 'x.vsix');
    const vsce = packageVsix(file);
    assert.equal(vsce.status, 0, `vsce could not package: ${vsce.output}`);
  }
  try {
    const zip = readFileSync(file);
    const entries: Record<string, number> = {};
    let readme = '';
    let manifest = '';
    for (const entry of zipEntries(zip)) {
      const part = `vsix:${entry.name.replace(/-[A-Z0-9]{8}\.js$/, '.js')}`;
      entries[part] = (entries[part] ?? 0) + entry.bytes;
      if (entry.name === 'extension/readme.md') readme = zipEntryText(zip, entry);
      if (entry.name === 'extension/package.json') manifest = zipEntryText(zip, entry);
    }
    return { bytes: zip.length, entries, readme, manifest };
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

describe('byte budgets of the bundle and the package', function () {
  this.timeout(240_000);
  let files: BundleFile[];
  let baseline: Baseline;
  const measured: Baseline = {};

  before(() => {
    files = readBundle();
    baseline = readBaseline();
  });

  after(() => {
    if (process.env.UPDATE_BYTE_BASELINE === '1') writeFileSync(BASELINE_FILE, `${JSON.stringify(measured, Object.keys(measured).sort(), 1)}\n`);
  });

  it(`activation loads at most ${ACTIVATION_LIMIT / KB} KB (dist/extension.js and the chunks it requires at once)`, () => {
    const loaded = files.filter((file) => file.activation);
    assert.ok(loaded.some((file) => file.name === 'extension.js'), 'the report names no extension.js');
    Object.assign(measured, partsOf(files));
    const bytes = sumBytes(loaded);
    assert.ok(bytes <= ACTIVATION_LIMIT, overBudget('What activation loads', bytes, ACTIVATION_LIMIT, growthReport(partsOf(loaded), baseline), ACTIVATION_TARGET));
  });

  it(`everything else in dist, except the generated scope data, stays within ${REST_OF_DIST_LIMIT / KB} KB`, () => {
    const rest = files.filter((file) => !isScopeData(file));
    assert.equal(files.length - rest.length, 1, 'exactly one chunk holds the scope data');
    const bytes = sumBytes(rest);
    assert.ok(bytes <= REST_OF_DIST_LIMIT, overBudget('All of dist except the scope data', bytes, REST_OF_DIST_LIMIT, growthReport(partsOf(rest), baseline), REST_OF_DIST_TARGET));
  });

  let vsix: ReturnType<typeof vsixBytes> | undefined;
  const packaged = (): ReturnType<typeof vsixBytes> => (vsix ??= vsixBytes());

  it(`the .vsix stays within ${VSIX_LIMIT / KB} KB, scope data and walkthrough pictures included`, () => {
    const vsix = packaged();
    Object.assign(measured, vsix.entries);
    assert.ok(Object.keys(vsix.entries).some((entry) => entry.startsWith('vsix:extension/media/walkthrough/')), 'the .vsix holds no walkthrough picture');
    assert.ok(vsix.bytes <= VSIX_LIMIT, overBudget('The .vsix', vsix.bytes, VSIX_LIMIT, growthReport(vsix.entries, baseline), VSIX_TARGET));
  });

  it('the .vsix carries README.md up to its developers’ sections: every section a user reads, none of the bench’s or build’s', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const userSections = sectionHeadings(readme.slice(0, readme.indexOf(PACKAGED_README_END)));
    const shipped = sectionHeadings(packaged().readme);
    assert.ok(userSections.length > 10, `README.md has ${userSections.length} user sections`);
    assert.deepEqual(shipped, userSections);
    assert.ok(!shipped.includes('Development') && !shipped.includes('Performance'), 'the developers’ sections shipped');
  });

  it('the .vsix’s package.json is the repository’s but for the keys only the build reads', () => {
    const repository = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const key of BUILD_ONLY_MANIFEST_KEYS) delete repository[key];
    assert.deepEqual(JSON.parse(packaged().manifest), repository);
  });

  it('the .vsix ships every chunk of dist', () => {
    const shipped = new Set(Object.keys(packaged().entries));
    const named = (file: BundleFile): string => `vsix:extension/dist/${file.name.replace(/-[A-Z0-9]{8}\.js$/, '.js')}`;
    assert.deepEqual(files.filter((file) => !shipped.has(named(file))).map((file) => file.name), [], 'a chunk is missing from the .vsix');
  });

  it('the build that ships has no test hook: no test-only module, no test command another extension could call', () => {
    const testOnly = ['src/ui/commands/testRuns.ts', 'src/ui/prompts/queuedPrompts.ts', 'src/ui/pseudoLocale.ts'];
    assert.deepEqual(files.flatMap((file) => file.inputs.filter((input) => testOnly.includes(input))), [], 'a test-only module is in dist');
    const naming = files.filter((file) => /sailpointPat\.test\.|keychain is locked/.test(readFileSync(path.join(ROOT, 'dist', file.name), 'utf8')));
    assert.deepEqual(naming.map((file) => file.name), [], 'a file of dist registers a test command or the test switch');
  });

  it('a chunk calls what it takes from another chunk directly: no `(0, module.a)(` at each call (esbuild.mjs, importsAsRequires)', () => {
    // Chunks export under short names (a, b, … aa); a call through the module object costs about 6 bytes more.
    const through = files.flatMap((file) => readFileSync(path.join(ROOT, 'dist', file.name), 'utf8').match(/\(0,[\w$]+\.[a-z]{1,2}\)\(/g) ?? []);
    assert.deepEqual(through, []);
  });

  it('carries no CommonJS interop from pass 1 (no CommonJS package is bundled), so no file loads a shim chunk', () => {
    const shims = files.filter((file) => readFileSync(path.join(ROOT, 'dist', file.name), 'utf8').includes('Dynamic require of'));
    assert.deepEqual(shims.map((file) => file.name), [], 'esbuild added its require shim: a bundled package was taken as CommonJS');
  });

  it('says which chunk grew and by how much', () => {
    const report = growthReport({ extension: 13_000, 'chunk of src/core/tenantUrl.ts': 4_000, commands: 80_000 }, { extension: 12_000, commands: 80_000 });
    assert.match(report, /extension: \+1,000 B \(11\.7 KB → 12\.7 KB\)/);
    assert.match(report, /chunk of src\/core\/tenantUrl\.ts: new, 4,000 B/);
    assert.doesNotMatch(report, /commands/);
    assert.match(overBudget('What activation loads', 31_000, 30_720, report), /over its budget of 30,720 B \(30\.0 KB\) by 280 B/);
  });
});
