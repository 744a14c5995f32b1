// The workspace scan: walk the folders through the file-system port, read each file as bytes with a size cap,
// find its REST and SDK calls, match them to the catalogue's operations, and answer the least privilege. It works
// in slices (yielding to the event loop) so the extension host is never blocked long, and stops on its signal.
import { PatError } from '../errors';
import { t } from '../l10n';
import { leastPrivilege } from './leastPrivilege';
import { methodOfCall, postmanMethodBefore, postmanMethodOffsets } from './methods';
import { OperationIndex } from './operationIndex';
import type { FileKind } from './restCalls';
import { findRestHits } from './restCalls';
import type { SdkHit } from './sdkCalls';
import { findGoCalls, findPowerShellCalls, findPythonCalls, findTypeScriptCalls } from './sdkCalls';
import { LineCounter } from './text';
import type { CodeCall, CodeScanResult, ScanFileSystem, ScanOperation, UnmatchedCall } from './types';
import { MAX_FILE_BYTES, MAX_UNMATCHED_TEXT } from './types';
import { listFiles } from './walk';

export interface ScanOptions {
  /** True for a path relative to the root it is under (`/`-separated) that `files.exclude`/`search.exclude` hides. */
  exclude?: (relativePath: string, root: string) => boolean;
  signal?: AbortSignal;
  /** Called as files are listed (total still growing) and scanned. */
  onProgress?: (scanned: number, total: number) => void;
  /** The longest stretch of work between yields to the event loop. */
  sliceMs?: number;
  /** How many files are read at once. */
  concurrency?: number;
}

const MAX_CALLS_PER_FILE = 5000;
const MAX_UNMATCHED_PER_FILE = 100;
const BINARY_SNIFF_BYTES = 8192;
const DEFAULT_SLICE_MS = 20;

const EXTENSION_KINDS: Record<string, FileKind> = {
  md: 'prose',
  markdown: 'prose',
  txt: 'prose',
  rst: 'prose',
  adoc: 'prose',
  http: 'http',
  rest: 'http',
  json: 'json',
  ps1: 'powershell',
  psm1: 'powershell',
  ts: 'typescript',
  tsx: 'typescript',
  js: 'typescript',
  jsx: 'typescript',
  mjs: 'typescript',
  cjs: 'typescript',
  py: 'python',
  go: 'go',
};

export function fileKindOf(file: string): FileKind {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dot = file.lastIndexOf('.');
  if (dot <= slash) return 'code';
  return EXTENSION_KINDS[file.slice(dot + 1).toLowerCase()] ?? 'code';
}

/** The calls one file's text makes; also what the editor's hover asks about an open document. */
export function scanText(file: string, text: string, index: OperationIndex): { calls: CodeCall[]; unmatched: UnmatchedCall[] } {
  const kind = fileKindOf(file);
  const calls: CodeCall[] = [];
  const unmatched: UnmatchedCall[] = [];
  const found: { start: number; operation: ScanOperation | undefined; method?: string; text: string }[] = [];
  // A file with more calls than a result keeps is hostile or generated: the rest of it is not read.
  const rest = findRestHits(text, index, kind, MAX_CALLS_PER_FILE + MAX_UNMATCHED_PER_FILE);
  const postman = kind === 'json' ? postmanMethodOffsets(text) : [];
  rest.forEach((hit, position) => {
    const floor = position > 0 ? rest[position - 1].end : 0;
    const ceiling = position + 1 < rest.length ? rest[position + 1].start : text.length;
    const operations = hit.overflow ? [] : index.operationsAt(hit.segments);
    let method = operations.length === 0 ? undefined : methodOfCall(text, hit.start, hit.end, floor, ceiling);
    if (method === undefined && kind === 'json' && operations.length > 0) method = postmanMethodBefore(text, postman, hit.start);
    const operation = pickOperation(operations, method);
    found.push({ start: hit.start, operation, method: operation?.method, text: text.slice(hit.start, Math.min(hit.end, hit.start + MAX_UNMATCHED_TEXT)) });
  });
  const sdk: SdkHit[] =
    kind === 'typescript'
      ? findTypeScriptCalls(text, index)
      : kind === 'python'
        ? findPythonCalls(text, index)
        : kind === 'go'
          ? findGoCalls(text, index)
          : kind === 'powershell'
            ? findPowerShellCalls(text, index)
            : [];
  for (const hit of sdk) found.push({ start: hit.start, operation: hit.operation, text: hit.text.slice(0, MAX_UNMATCHED_TEXT) });
  found.sort((a, b) => a.start - b.start);
  const lines = new LineCounter(text);
  for (const hit of found) {
    const { line } = lines.at(hit.start);
    if (hit.operation !== undefined) {
      if (calls.length >= MAX_CALLS_PER_FILE) continue;
      const { method, path, id, scopes } = hit.operation;
      calls.push({ file, line, method: method.toUpperCase(), path, operationId: id, scopes: [...scopes] });
    } else if (unmatched.length < MAX_UNMATCHED_PER_FILE) {
      unmatched.push({ file, line, text: oneLine(hit.text) });
    }
  }
  return { calls, unmatched };
}

function oneLine(text: string): string {
  let result = '';
  for (const character of text) {
    const code = character.charCodeAt(0);
    result += code < 32 || code === 127 ? ' ' : character;
  }
  return result;
}

/** The method's operation at the path; GET when the call names none (or the path's only operation). */
function pickOperation(operations: readonly ScanOperation[], method: string | undefined): ScanOperation | undefined {
  if (operations.length === 0) return undefined;
  if (method !== undefined) return operations.find((operation) => operation.method.toUpperCase() === method);
  return operations.find((operation) => operation.method.toUpperCase() === 'GET') ?? (operations.length === 1 ? operations[0] : undefined);
}

export function decodeText(bytes: Uint8Array): string | undefined {
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new PatError('cancelled', t('The operation was cancelled.'));
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Scans the roots (files or folders) and answers the calls, the least privilege and the unmatched calls. */
export async function scanCode(
  fs: ScanFileSystem,
  roots: readonly string[],
  operations: readonly ScanOperation[] | OperationIndex,
  options: ScanOptions = {},
): Promise<CodeScanResult> {
  const index = operations instanceof OperationIndex ? operations : await OperationIndex.build(operations, options.sliceMs);
  const files = await listFiles(fs, roots, options);
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const perFile = new Array<{ calls: CodeCall[]; unmatched: UnmatchedCall[] }>(files.length);
  let next = 0;
  let scanned = 0;
  let sliceStart = Date.now();
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      throwIfAborted(options.signal);
      const position = next++;
      const file = files[position];
      const bytes = await fs.read(file, MAX_FILE_BYTES).catch(() => undefined);
      const text = bytes === undefined ? undefined : decodeText(bytes);
      perFile[position] = text === undefined ? { calls: [], unmatched: [] } : scanText(file, text, index);
      options.onProgress?.(++scanned, files.length);
      if (Date.now() - sliceStart >= sliceMs) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  // The least privilege over thousands of calls is a slice of its own.
  await yieldToEventLoop();
  throwIfAborted(options.signal);
  const calls = perFile.flatMap((result) => result.calls);
  return { calls, scopes: leastPrivilege(calls, index.breadth), unmatched: perFile.flatMap((result) => result.unmatched) };
}
