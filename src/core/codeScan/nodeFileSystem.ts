// The scan's file-system port on Node's fs: used by the unit tests and the bench (the extension hands the scan
// `vscode.workspace.fs` instead). lstat-based, so a symbolic link is reported as one and never followed.
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import type { EntryKind, ScanFileSystem } from './types';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  return entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
}

export const nodeScanFileSystem: ScanFileSystem = {
  async list(folder) {
    const entries = await fsp.readdir(folder, { withFileTypes: true });
    return entries.map((entry) => [entry.name, kindOf(entry)]);
  },
  async stat(path) {
    const stat = await fsp.stat(path);
    return { kind: kindOf(stat), size: stat.size };
  },
  async read(path, maxBytes) {
    const handle = await fsp.open(path, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
      const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return bytesRead > maxBytes ? undefined : new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    } finally {
      await handle.close();
    }
  },
  child: (folder, name) => nodePath.join(folder, name),
};
