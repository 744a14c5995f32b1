// What the byte budgets weigh: dist as the build reported it (out/bundle-report.json, written by esbuild.mjs), the
// .vsix's entries, and the committed per-chunk baseline that a failure is compared with.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const ROOT = path.resolve(__dirname, '../../../..');
export const BASELINE_FILE = path.join(ROOT, 'test/unit/byteBudgets.baseline.json');

export interface BundleFile {
  name: string;
  bytes: number;
  /** Source files in it, largest first. */
  inputs: string[];
  activation: boolean;
}

/** Per part (see partName), in bytes: dist files and .vsix entries. */
export type Baseline = Record<string, number>;

/** The build's report, checked against the files in dist so a stale report cannot pass. */
export function readBundle(): BundleFile[] {
  const reportFile = path.join(ROOT, 'out/bundle-report.json');
  let report: { production: boolean; testHooks?: boolean; files: BundleFile[] };
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as typeof report;
  } catch {
    throw new Error('out/bundle-report.json is missing: run `npm run bundle` (after `npm run compile`, which empties out/).');
  }
  if (!report.production) throw new Error('dist holds a development build: run `npm run bundle`.');
  if (report.testHooks !== false) throw new Error('dist holds the integration tests\' build, with the test hooks: run `npm run bundle`.');
  for (const file of report.files) {
    const bytes = statSync(path.join(ROOT, 'dist', file.name), { throwIfNoEntry: false })?.size;
    if (bytes !== file.bytes) throw new Error(`dist/${file.name} does not match the last build's report: run \`npm run bundle\`.`);
  }
  return report.files;
}

/** A name that survives the content hash: the chunk's entry (extension, commands, network…) or its largest source. */
export function partName(file: { name: string; inputs: readonly string[] }): string {
  const stem = file.name.replace(/-[A-Z0-9]{8}\.js$/, '').replace(/\.js$/, '');
  return stem === 'chunk' ? `chunk of ${file.inputs[0] ?? '?'}` : stem;
}

export function sumBytes(files: readonly { bytes: number }[]): number {
  return files.reduce((sum, file) => sum + file.bytes, 0);
}

export function readBaseline(): Baseline {
  try {
    return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
  } catch {
    return {};
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** "what grew, by how much" against the baseline: the parts that grew or are new, largest growth first. */
export function growthReport(parts: Record<string, number>, baseline: Baseline): string {
  const lines = Object.entries(parts)
    .map(([part, bytes]) => ({ part, bytes, before: baseline[part] }))
    .filter(({ bytes, before }) => before === undefined || bytes > before)
    .sort((a, b) => b.bytes - (b.before ?? 0) - (a.bytes - (a.before ?? 0)))
    .map(({ part, bytes, before }) =>
      before === undefined ? `  ${part}: new, ${bytes.toLocaleString('en-US')} B` : `  ${part}: +${(bytes - before).toLocaleString('en-US')} B (${kb(before)} → ${kb(bytes)})`,
    );
  const gone = Object.keys(baseline).filter((part) => !(part in parts) && !part.startsWith('vsix:'));
  return [
    lines.length === 0 ? '  nothing grew against test/unit/byteBudgets.baseline.json' : 'grown since test/unit/byteBudgets.baseline.json:',
    ...lines,
    ...(gone.length === 0 ? [] : [`  gone or renamed: ${gone.join(', ')}`]),
  ].join('\n');
}

export interface ZipEntry {
  name: string;
  /** Bytes in the zip, compressed. */
  bytes: number;
  /** Where its local header starts, and how it is stored (0 as is, 8 deflated). */
  headerOffset: number;
  method: number;
}

/** The entries of a zip from its central directory, with their compressed sizes. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  let end = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 65_535); offset--) {
    if (zip.readUInt32LE(offset) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file');
  const entries: ZipEntry[] = [];
  let offset = zip.readUInt32LE(end + 16);
  for (let index = zip.readUInt16LE(end + 10); index > 0; index--) {
    const nameLength = zip.readUInt16LE(offset + 28);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      bytes: zip.readUInt32LE(offset + 20),
      headerOffset: zip.readUInt32LE(offset + 42),
      method: zip.readUInt16LE(offset + 10),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

/** One entry's text, read from its local header (vsce stores or deflates). */
export function zipEntryText(zip: Buffer, entry: ZipEntry): string {
  const start = entry.headerOffset + 30 + zip.readUInt16LE(entry.headerOffset + 26) + zip.readUInt16LE(entry.headerOffset + 28);
  const data = zip.subarray(start, start + entry.bytes);
  return (entry.method === 0 ? data : inflateRawSync(data)).toString('utf8');
}
