// The scan as the extension runs it: files through vscode.workspace.fs (local, remote and virtual windows alike),
// the roots a person clicked or a script named (inside a workspace folder), files.exclude and search.exclude
// honoured. The scanner and the catalogue are imported here on first use, never at activation.
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { CodeScanResult, EntryKind, ScanFileSystem } from '../../../core/codeScan/types';
import { PatError } from '../../../core/errors';
import { loadOnce } from '../../../core/lazyLoad';
import { loadScopeCatalogue } from '../../../core/scopes/load';
import { t } from '../../view/l10n';
import { requireStringArray, type ArgumentObject } from '../../prompts/args';

const loadScanner = loadOnce(async () => {
  const [scan, index, glob] = await Promise.all([
    import('../../../core/codeScan/scan.js'),
    import('../../../core/codeScan/operationIndex.js'),
    import('../../../core/codeScan/glob.js'),
  ]);
  return { ...scan, ...index, ...glob };
});

/** The catalogue's operations indexed for the scan: built once, shared by the commands and the hover. */
export const loadOperationIndex = loadOnce(async () => {
  const [{ OperationIndex }, catalogue] = await Promise.all([loadScanner(), loadScopeCatalogue()]);
  return await OperationIndex.build(catalogue.operations);
});

/** A scan path: the file system path for local files, the URI text elsewhere (remote, virtual). */
export function pathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function uriOf(path: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

function entryKind(type: vscode.FileType): EntryKind {
  if ((type & vscode.FileType.SymbolicLink) !== 0) return 'symlink';
  if ((type & vscode.FileType.Directory) !== 0) return 'directory';
  return (type & vscode.FileType.File) !== 0 ? 'file' : 'other';
}

/** Roots are followed (a person chose them); links inside them are not (`entryKind` reports them as links). */
function rootKind(type: vscode.FileType): EntryKind {
  if ((type & vscode.FileType.Directory) !== 0) return 'directory';
  return (type & vscode.FileType.File) !== 0 ? 'file' : 'other';
}

const workspaceFileSystem: ScanFileSystem = {
  async list(folder) {
    const entries = await vscode.workspace.fs.readDirectory(uriOf(folder));
    return entries.map(([name, type]) => [name, entryKind(type)]);
  },
  async stat(path) {
    const stat = await vscode.workspace.fs.stat(uriOf(path));
    return { kind: rootKind(stat.type), size: stat.size };
  },
  async read(path, maxBytes) {
    const uri = uriOf(path);
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0 || stat.size > maxBytes) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.length > maxBytes ? undefined : bytes;
  },
  child: (folder, name) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(folder) ? vscode.Uri.joinPath(uriOf(folder), name).toString() : nodePath.join(folder, name)),
};

const URI_TEXT = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A script's path as a URI; undefined when it is relative or climbs with `..`. */
function scriptPathUri(path: string): vscode.Uri | undefined {
  const uri = URI_TEXT.test(path) ? vscode.Uri.parse(path) : nodePath.isAbsolute(path) ? vscode.Uri.file(path) : undefined;
  return uri === undefined || uri.path.split('/').includes('..') ? undefined : uri;
}

/** True when some folder between the workspace folder and `uri`, or `uri` itself, is a symbolic link. */
async function reachedThroughLink(folder: vscode.Uri, uri: vscode.Uri): Promise<boolean> {
  let at = folder;
  for (const segment of nodePath.posix.relative(folder.path, uri.path).split('/').filter((each) => each !== '')) {
    at = vscode.Uri.joinPath(at, segment);
    // What does not exist is not read (type 0): the walk finds nothing there.
    const type = await vscode.workspace.fs.stat(at).then(
      (stat) => stat.type,
      () => 0,
    );
    if ((type & vscode.FileType.SymbolicLink) !== 0) return true;
  }
  return false;
}

/** A script names only what lies inside a workspace folder, reached through no symbolic link (one could lead out). */
async function scriptRoot(path: string): Promise<vscode.Uri> {
  const uri = scriptPathUri(path);
  const folder = uri === undefined ? undefined : vscode.workspace.getWorkspaceFolder(uri);
  // A path through a link is refused as outside: the link may lead anywhere.
  if (uri === undefined || folder === undefined || (await reachedThroughLink(folder.uri, uri))) {
    throw new PatError('invalid-input', t('"paths" must name absolute files or folders inside a workspace folder; this one is not: {0}', path.slice(0, 200)));
  }
  return uri;
}

/** What a scan covers: a script's `paths` (absolute, inside a workspace folder), the clicked resources, or every folder. */
export async function scanRoots(args: ArgumentObject | undefined, resources: readonly vscode.Uri[] | undefined): Promise<vscode.Uri[]> {
  if (args !== undefined && args.paths !== undefined) {
    const paths = requireStringArray(args, 'paths');
    if (paths.length === 0) throw new PatError('invalid-input', t('"paths" names no file or folder.'));
    const roots: vscode.Uri[] = [];
    for (const path of paths) roots.push(await scriptRoot(path));
    return roots;
  }
  if (resources !== undefined && resources.length > 0) return [...resources];
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new PatError('invalid-input', t('Open a folder first: the scan reads the files of the workspace folders.'));
  return folders.map((folder) => folder.uri);
}

/** The globs files.exclude and search.exclude turn on for this folder. */
function excludedGlobs(folder: vscode.WorkspaceFolder | undefined): string[] {
  const globs: string[] = [];
  for (const [section, key] of [['files', 'exclude'], ['search', 'exclude']] as const) {
    const settings = vscode.workspace.getConfiguration(section, folder?.uri).get<Record<string, unknown>>(key) ?? {};
    for (const [glob, on] of Object.entries(settings)) if (on === true) globs.push(glob);
  }
  return globs;
}

export interface ScanProgress {
  signal?: AbortSignal;
  onProgress?: (scanned: number, total: number) => void;
}

export async function scanWorkspace(roots: readonly vscode.Uri[], progress: ScanProgress = {}): Promise<CodeScanResult> {
  const [scanner, index] = await Promise.all([loadScanner(), loadOperationIndex()]);
  const excluders = new Map<string, (relative: string) => boolean>();
  for (const root of roots) {
    const folder = vscode.workspace.getWorkspaceFolder(root);
    const prefix = folder === undefined ? '' : nodePath.posix.relative(folder.uri.path, root.path);
    const matches = scanner.globExcluder(excludedGlobs(folder));
    excluders.set(pathOf(root), (relative) => matches(prefix === '' ? relative : `${prefix}/${relative}`));
  }
  return await scanner.scanCode(workspaceFileSystem, roots.map(pathOf), index, {
    ...progress,
    exclude: (relative, root) => excluders.get(root)?.(relative) ?? false,
  });
}

export async function openAt(at: { file: string; line: number }): Promise<void> {
  const position = new vscode.Position(Math.max(0, at.line - 1), 0);
  await vscode.window.showTextDocument(uriOf(at.file), { selection: new vscode.Range(position, position), preview: true });
}

export function relativeName(file: string): string {
  return vscode.workspace.asRelativePath(uriOf(file));
}
