// What the code scan reads (a catalogue's operations, a file system) and what it answers (calls, scopes, unmatched).
// Plain data: the same shapes are the result of sailpointPat.scopesForCode and checkTokenAgainstCode.

export type ScanApiVersion = 'v3' | 'beta' | 'v2024' | 'v2025' | 'v2026' | 'v1';

/** The part of the catalogue's `ApiOperation` the scan needs; `version` and `tag` are read off the path when absent. */
export interface ScanOperation {
  readonly id: string;
  readonly method: string;
  /** The exact URL template with its version prefix: `/v3/sources/{id}`, or `/sources/v1/{id}` for the v1 family. */
  readonly path: string;
  readonly version?: string;
  /** The spec's first tag: names the SDK class (`SourcesApi`, `SourcesBetaApi`, `SourcesV2025Api`). */
  readonly tag?: string;
  readonly scopes: readonly string[];
}

export interface CodeCall {
  /** Absolute path (or URI text in a virtual workspace) of the file. */
  file: string;
  /** 1-based. */
  line: number;
  method: string;
  /** The operation's URL template with its version prefix, e.g. `/v2025/workflows/{id}/test`. */
  path: string;
  operationId: string;
  /** Any one of them grants the call. */
  scopes: string[];
}

export interface UnmatchedCall {
  file: string;
  line: number;
  /** The text that looked like an ISC call, at most MAX_UNMATCHED_TEXT characters. */
  text: string;
}

export interface CodeScanResult {
  calls: CodeCall[];
  /** The least privilege that grants every call, sorted. */
  scopes: string[];
  unmatched: UnmatchedCall[];
}

export interface TokenCheckResult {
  /** Calls that none of the token's scopes grants: they would get 403. */
  missing: { file: string; line: number; operationId: string; scopes: string[] }[];
  /** The token's scopes that grant none of the calls. */
  excess: string[];
}

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/**
 * The scan's only way to the files: Node's fs in tests and the bench, `vscode.workspace.fs` in the extension (so
 * remote and virtual windows work). Paths are opaque strings the port builds with `child`.
 */
export interface ScanFileSystem {
  /** The entries of a folder; a symbolic link is reported as `symlink` whatever it points to. */
  list(folder: string): Promise<[name: string, kind: EntryKind][]>;
  /** Follows links: used for the roots a person or script names. */
  stat(path: string): Promise<{ kind: EntryKind; size: number }>;
  /** The file's bytes; undefined when it holds more than `maxBytes` (it is then not read). */
  read(path: string, maxBytes: number): Promise<Uint8Array | undefined>;
  child(folder: string, name: string): string;
}

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_UNMATCHED_TEXT = 120;
