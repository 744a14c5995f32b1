// The files a scan reads: the named files, and every file under the named folders, except node_modules and .git,
// excluded globs, and symbolic links (never followed, so no link leads out of the folder or round in a loop).
import { PatError } from '../errors';
import { t } from '../l10n';
import type { ScanFileSystem } from './types';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const MAX_DEPTH = 64;
const MAX_FILES = 200_000;

export interface WalkOptions {
  exclude?: (relativePath: string, root: string) => boolean;
  signal?: AbortSignal;
  onProgress?: (scanned: number, total: number) => void;
}

export async function listFiles(fs: ScanFileSystem, roots: readonly string[], options: WalkOptions = {}): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file) && files.length < MAX_FILES) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const root of roots) {
    const stat = await fs.stat(root).catch(() => undefined);
    if (stat?.kind === 'file') add(root);
    else if (stat?.kind === 'directory') await walkFolder(fs, root, root, '', 0, add, options);
  }
  return files;
}

async function walkFolder(
  fs: ScanFileSystem,
  root: string,
  folder: string,
  relative: string,
  depth: number,
  add: (file: string) => void,
  options: WalkOptions,
): Promise<void> {
  if (options.signal?.aborted === true) throw new PatError('cancelled', t('The operation was cancelled.'));
  if (depth > MAX_DEPTH) return;
  const entries = await fs.list(folder).catch(() => []);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, kind] of entries) {
    if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) continue;
    const path = relative === '' ? name : `${relative}/${name}`;
    if (options.exclude?.(path, root) === true) continue;
    if (kind === 'directory' && !SKIPPED_FOLDERS.has(name)) await walkFolder(fs, root, fs.child(folder, name), path, depth + 1, add, options);
    else if (kind === 'file') add(fs.child(folder, name));
  }
}
