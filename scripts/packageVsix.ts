// Packages the extension with vsce. The .vsix's README (the Marketplace page and the Extensions view) is README.md up
// to the marker below: the sections after it (the bench table, how to build and test) are for people working on this
// repository, and a user would download them with every install without reading them. Cut here, at package time, so
// nothing is maintained twice; test/unit/packageVsix.test.ts holds that every user-facing section still ships. Then
// each entry of vsce's zip is deflated again by zopfli (recompressZip), its JSON without indentation and package.json
// without the keys only the build reads (shippedContent).
// Usage: node out/scripts/packageVsix.js [out.vsix]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { deflateAsync } from '@gfx/zopfli';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** The line in README.md where the packaged README ends. */
export const PACKAGED_README_END = '<!-- The packaged README ends here; what follows is for developers of this repository (scripts/packageVsix.ts). -->';
/** Where the packaged README is written: inside the repository, because vsce takes `--readme-path` relative to it. */
export const PACKAGED_README = 'out/marketplace/README.md';

/** The `## ` headings of a Markdown text, as written. */
export function sectionHeadings(markdown: string): string[] {
  return markdown.split('\n').filter((line) => /^#{2,3} /.test(line)).map((line) => line.replace(/^#+ /, ''));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/**
 * README.md up to the marker. A link to a section that stays behind goes to that section of the repository's README
 * (the `repository` of package.json), so the page has no dead in-page link.
 */
export function packagedReadme(readme: string, repositoryUrl: string): string {
  const parts = readme.split(`${PACKAGED_README_END}\n`);
  if (parts.length !== 2) throw new Error(`README.md must hold the line ${PACKAGED_README_END} exactly once`);
  const [packaged, developers] = parts;
  const cutAnchors = new Set(sectionHeadings(developers).map(headingAnchor));
  const repositoryReadme = `${repositoryUrl.replace(/\.git$/, '')}/blob/HEAD/README.md`;
  return `${packaged.trimEnd()}\n`.replace(/\]\(#([\w-]+)\)/g, (link, anchor: string) => (cutAnchors.has(anchor) ? `](${repositoryReadme}#${anchor})` : link));
}

/** The zip entries' data deflated by zopfli (5 iterations), where that is smaller. */
const ZOPFLI = { numiterations: 5 };

/** Keys of package.json only npm and vsce read: an installed extension needs none of them, so its copy leaves them out. */
export const BUILD_ONLY_MANIFEST_KEYS = ['scripts', 'devDependencies', 'allowScripts'];

/**
 * An entry's content as it ships: JSON (the manifest, its texts, the translations) without indentation, which only a
 * person reading the repository needs, and the manifest without BUILD_ONLY_MANIFEST_KEYS; every other entry as it is.
 */
export function shippedContent(name: string, content: Buffer): Buffer {
  if (!name.endsWith('.json')) return content;
  const value = JSON.parse(content.toString('utf8')) as Record<string, unknown>;
  if (name === 'extension/package.json') for (const key of BUILD_ONLY_MANIFEST_KEYS) delete value[key];
  return Buffer.from(JSON.stringify(value));
}

interface ZipRecord {
  /** The central directory record, as vsce wrote it. */
  central: Buffer;
  name: string;
  method: number;
  crc: number;
  size: number;
  data: Buffer;
}

function zipRecords(zip: Buffer): { records: ZipRecord[]; comment: Buffer } {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const records: ZipRecord[] = [];
  let offset = zip.readUInt32LE(end + 16);
  for (let index = zip.readUInt16LE(end + 10); index > 0; index--) {
    const length = 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    const central = Buffer.from(zip.subarray(offset, offset + length));
    const local = central.readUInt32LE(42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    records.push({
      central,
      name: central.toString('utf8', 46, 46 + central.readUInt16LE(28)),
      method: central.readUInt16LE(10),
      crc: central.readUInt32LE(16),
      size: central.readUInt32LE(24),
      data: zip.subarray(start, start + central.readUInt32LE(20)),
    });
    offset += length;
  }
  return { records, comment: Buffer.from(zip.subarray(end + 22, end + 22 + zip.readUInt16LE(end + 20))) };
}

/**
 * The same zip with each entry deflated by zopfli where that is smaller: about 5 % less to download than zlib's
 * deflate that vsce uses, read by every unzip as before (VS Code unpacks the .vsix on install; nothing inflates at
 * run time). Every entry is inflated again and checked against its CRC before the zip is returned. `reshape` may
 * give an entry new content (shippedContent); its size and CRC follow.
 */
export async function recompressZip(zip: Buffer, reshape = (_name: string, content: Buffer): Buffer => content): Promise<Buffer> {
  const { records, comment } = zipRecords(zip);
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const record of records) {
    const original = record.method === 0 ? record.data : inflateRawSync(record.data);
    if (original.length !== record.size || crc32(original) !== record.crc) throw new Error(`${record.name}: its content does not match its CRC`);
    const content = reshape(record.name, original);
    const reshaped = !content.equals(original);
    const [crc, size] = reshaped ? [crc32(content), content.length] : [record.crc, record.size];
    // vsce's data, unless the content changed: then the content stored as it is.
    const [fallbackMethod, fallbackData] = reshaped ? [0, content] : [record.method, record.data];
    const zopfli = Buffer.from(await deflateAsync(content, ZOPFLI));
    const [method, data] = zopfli.length < fallbackData.length ? [8, zopfli] : [fallbackMethod, fallbackData];
    if (method === 8 && crc32(inflateRawSync(data)) !== crc) throw new Error(`${record.name}: zopfli's output does not inflate to the entry`);
    const name = record.central.subarray(46, 46 + record.central.readUInt16LE(28));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(record.central.readUInt16LE(6), 4);
    // Sizes and CRC stand in the local header, so no data descriptor follows (flag bit 3 cleared).
    local.writeUInt16LE(record.central.readUInt16LE(8) & ~0x8, 6);
    local.writeUInt16LE(method, 8);
    record.central.copy(local, 10, 12, 16);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.from(record.central);
    central.writeUInt16LE(central.readUInt16LE(8) & ~0x8, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    centrals.push(central);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...parts, directory, end, comment]);
}

/** Why the build in dist must not ship (its report, out/bundle-report.json), or undefined when it may. */
export function unshippableBuild(report: { production?: unknown; testHooks?: unknown }): string | undefined {
  if (report.production !== true) return 'dist holds a development build: run `npm run bundle`';
  // The integration tests' build registers commands that drive every prompt: no installed extension may carry them.
  if (report.testHooks !== false) return 'dist holds the integration tests\' build, with the test hooks: run `npm run bundle`';
  return undefined;
}

/** Writes the packaged README, runs vsce and re-compresses what it wrote. */
async function buildVsix(outFile: string): Promise<void> {
  const unshippable = unshippableBuild(JSON.parse(readFileSync(path.join(REPO_ROOT, 'out/bundle-report.json'), 'utf8')) as Record<string, unknown>);
  if (unshippable !== undefined) throw new Error(unshippable);
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
  const readme = packagedReadme(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), manifest.repository.url);
  mkdirSync(path.join(REPO_ROOT, path.dirname(PACKAGED_README)), { recursive: true });
  writeFileSync(path.join(REPO_ROOT, PACKAGED_README), readme);
  const vsce = path.join(REPO_ROOT, 'node_modules/.bin/vsce');
  // stdin closed: vsce must not sit waiting on a question nobody will answer.
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--readme-path', PACKAGED_README, '--out', outFile], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`vsce exited with ${result.status ?? result.signal ?? 'nothing'}`);
  const made = readFileSync(outFile);
  const smaller = await recompressZip(made, shippedContent);
  writeFileSync(outFile, smaller);
  console.log(`re-compressed: ${made.length.toLocaleString('en-US')} -> ${smaller.length.toLocaleString('en-US')} B`);
}

/** `npm run package`'s work in a process of its own (zopfli loads asynchronously); returns its status and output. */
export function packageVsix(outFile: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [__filename, outFile], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

if (require.main === module) {
  buildVsix(path.resolve(process.argv[2] ?? 'sailpoint-pat-manager.vsix')).catch((error: unknown) => {
    console.error(`packaging failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
