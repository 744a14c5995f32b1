// SDK calls: `sailpoint-api-client` classes in TypeScript/JavaScript (`new SourcesV2025Api(config).listSources()`),
// the Python SDK (`sailpoint.v2025` … `list_sources`), the Go SDK (`apiClient.V2025.SourcesAPI.ListSources(ctx)`)
// and the PowerShell SDK's cmdlets (`Get-V2025SourceHealth`). Class and method names are looked up in the index
// built from the catalogue; nothing read is run or evaluated.
import type { OperationIndex, SdkLanguage } from './operationIndex';
import { PREFIX_VERSIONS, versionOf } from './operationIndex';
import type { ScanApiVersion, ScanOperation } from './types';
import { identEndAt, identStartBefore, isIdentChar, isLetter, skipSpaces, skipSpacesBack } from './text';

export interface SdkHit {
  start: number;
  /** Undefined for a call on a known SDK class that names no operation of it. */
  operation: ScanOperation | undefined;
  text: string;
}

interface SdkClass {
  version: ScanApiVersion;
  tag: string;
}

function isIdentStart(code: number): boolean {
  return isLetter(code) || code === 95 || code === 36;
}

/** The variable a `= new X(` or `= X(` assigns: `api`, `this.api`, `self.api`, `api: SourcesApi`. */
function bindingBefore(text: string, start: number): string | undefined {
  let index = skipSpacesBack(text, start - 1);
  if (text[index] !== '=' || text[index - 1] === '=' || text[index - 1] === '!') return undefined;
  index = skipSpacesBack(text, index - 1);
  let nameStart = identStartBefore(text, index + 1);
  if (nameStart > index) return undefined;
  const colon = skipSpacesBack(text, nameStart - 1);
  if (text[colon] === ':') {
    const end = skipSpacesBack(text, colon - 1) + 1;
    nameStart = identStartBefore(text, end);
    return nameStart < end ? text.slice(nameStart, end) : undefined;
  }
  return text.slice(nameStart, index + 1);
}

/** The receiver of `.method(`: the identifier before the dot (`api`, `this.api`), or `)` for `new X(cfg).m(`. */
function receiverBefore(text: string, dot: number): string | undefined {
  let index = dot - 1;
  if (text[index] === '?') index--;
  index = skipSpacesBack(text, index);
  if (text[index] === ')') return ')';
  const start = identStartBefore(text, index + 1);
  return start <= index ? text.slice(start, index + 1) : undefined;
}

class CallResolver {
  readonly bindings = new Map<string, SdkClass>();
  readonly classes: SdkClass[] = [];
  last: SdkClass | undefined;

  constructor(
    private readonly index: OperationIndex,
    private readonly language: SdkLanguage,
  ) {}

  instantiated(cls: SdkClass, binding: string | undefined): void {
    if (!this.classes.some((known) => known.version === cls.version && known.tag === cls.tag)) this.classes.push(cls);
    if (binding !== undefined) this.bindings.set(binding, cls);
    this.last = cls;
  }

  knows(receiver: string | undefined): boolean {
    return receiver === ')' ? this.last !== undefined : receiver !== undefined && this.bindings.has(receiver);
  }

  /** The operation `receiver.method(` calls, undefined when unknown, or 'not-sdk' when it is no SDK call. */
  resolve(receiver: string | undefined, method: string): ScanOperation | undefined | 'not-sdk' {
    const bound = receiver === ')' ? this.last : receiver === undefined ? undefined : this.bindings.get(receiver);
    if (bound !== undefined) return this.index.sdkOperation(this.language, bound.version, bound.tag, method);
    const candidates = this.classes
      .map((cls) => this.index.sdkOperation(this.language, cls.version, cls.tag, method))
      .filter((operation) => operation !== undefined);
    return candidates.length > 0 ? candidates[0] : 'not-sdk';
  }
}

/** Walks every identifier once; `visit` gets its start and end. */
function forEachIdentifier(text: string, visit: (start: number, end: number) => void): void {
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (!isIdentStart(code) || (index > 0 && isIdentChar(text.charCodeAt(index - 1)))) {
      index++;
      continue;
    }
    let end = index + 1;
    while (end < text.length && (isIdentChar(text.charCodeAt(end)) || text.charCodeAt(end) === 36)) end++;
    visit(index, end);
    index = end;
  }
}

/** `api.listSources(`, or `api.listSources` handed on (`Paginator.paginate(api, api.listAccounts, …)`). */
function methodCallAt(text: string, start: number, end: number): 'call' | 'reference' | undefined {
  let before = start - 1;
  if (text[before] === '?') before--;
  if (text[before] !== '.') return undefined;
  const after = text[skipSpaces(text, end)];
  return after === '(' ? 'call' : after === ',' || after === ')' ? 'reference' : undefined;
}

function visitMethodCall(resolver: CallResolver, text: string, start: number, end: number, hits: SdkHit[]): void {
  const dot = text[start - 1] === '?' ? start - 2 : start - 1;
  const receiver = receiverBefore(text, dot);
  // A method handed on counts only on a known SDK object: `x.listSources,` alone says nothing.
  if (methodCallAt(text, start, end) === 'reference' && !resolver.knows(receiver)) return;
  const resolved = resolver.resolve(receiver, text.slice(start, end));
  if (resolved === 'not-sdk') return;
  hits.push({ start, operation: resolved, text: text.slice(start, end) });
}

export function findTypeScriptCalls(text: string, index: OperationIndex): SdkHit[] {
  if (!text.includes('sailpoint-api-client')) return [];
  const resolver = new CallResolver(index, 'ts');
  const hits: SdkHit[] = [];
  forEachIdentifier(text, (start, end) => {
    const word = text.slice(start, end);
    if (word === 'new') {
      const nameStart = skipSpaces(text, end);
      const cls = index.tsClasses.get(text.slice(nameStart, identEndAt(text, nameStart)));
      if (cls !== undefined) resolver.instantiated(cls, bindingBefore(text, start));
    } else if (index.methodNames.ts.has(word) && methodCallAt(text, start, end) !== undefined) {
      visitMethodCall(resolver, text, start, end, hits);
    }
  });
  return hits;
}

/** `sailpoint.v2025` … at `at`: the version word after the dot. */
function versionAfter(text: string, at: number): ScanApiVersion | undefined {
  for (const version of PREFIX_VERSIONS) {
    if (text.startsWith(version, at) && !isIdentChar(text.charCodeAt(at + version.length))) return version;
  }
  return undefined;
}

/** Python imports: `from sailpoint.v3.api.sources_api import SourcesApi as S` → S is v3's SourcesApi. */
function pythonImports(text: string): { versions: Set<ScanApiVersion>; names: Map<string, { version: ScanApiVersion; cls: string }> } {
  const versions = new Set<ScanApiVersion>();
  const names = new Map<string, { version: ScanApiVersion; cls: string }>();
  let from = 0;
  // Bounded: a file of a million imports reads as fast as any other.
  for (let count = 0; count < 500; count++) {
    const found = text.indexOf('sailpoint.', from);
    if (found === -1) break;
    from = found + 10;
    const version = versionAfter(text, from);
    if (version === undefined) continue;
    versions.add(version);
    const lineEnd = text.indexOf('\n', from);
    const line = text.slice(from, lineEnd === -1 ? text.length : Math.min(lineEnd, from + 2000));
    const importAt = line.indexOf(' import ');
    if (!text.slice(Math.max(0, found - 5), found).includes('from') || importAt === -1) continue;
    for (const part of line.slice(importAt + 8).replace(/[()\\]/g, ' ').split(',')) {
      const [cls, , alias] = part.trim().split(/\s+/);
      if (cls !== undefined && cls.endsWith('Api')) names.set(alias ?? cls, { version, cls });
    }
  }
  return { versions, names };
}

export function findPythonCalls(text: string, index: OperationIndex): SdkHit[] {
  if (!text.includes('sailpoint.')) return [];
  const imports = pythonImports(text);
  if (imports.versions.size === 0) return [];
  const resolver = new CallResolver(index, 'python');
  const hits: SdkHit[] = [];
  forEachIdentifier(text, (start, end) => {
    const word = text.slice(start, end);
    if ((word.endsWith('Api') || imports.names.has(word)) && text[skipSpaces(text, end)] === '(') {
      const cls = pythonClass(text, start, word, imports);
      if (cls !== undefined && index.hasClass('python', cls.version, cls.tag)) resolver.instantiated(cls, bindingBefore(text, qualifiedStart(text, start)));
    } else if (index.methodNames.python.has(word) && methodCallAt(text, start, end) !== undefined) {
      visitMethodCall(resolver, text, start, end, hits);
    }
  });
  return hits;
}

/** The start of `sailpoint.v3.SourcesApi` when the class name at `start` is qualified. */
function qualifiedStart(text: string, start: number): number {
  let index = start;
  while (index > 0 && start - index < 120 && (isIdentChar(text.charCodeAt(index - 1)) || text[index - 1] === '.')) index--;
  return index;
}

function pythonClass(
  text: string,
  start: number,
  word: string,
  imports: ReturnType<typeof pythonImports>,
): SdkClass | undefined {
  const qualifier = text.slice(qualifiedStart(text, start), start);
  const at = qualifier.indexOf('sailpoint.');
  if (at !== -1) {
    const version = versionAfter(qualifier, at + 10);
    return version === undefined ? undefined : { version, tag: word.slice(0, -3) };
  }
  const imported = imports.names.get(word);
  if (imported !== undefined) return { version: imported.version, tag: imported.cls.slice(0, -3) };
  if (imports.versions.size === 1) return { version: [...imports.versions][0], tag: word.slice(0, -3) };
  return undefined;
}

const GO_VERSIONS: [string, ScanApiVersion][] = [
  ['.V3.', 'v3'],
  ['.Beta.', 'beta'],
  ['.V2024.', 'v2024'],
  ['.V2025.', 'v2025'],
  ['.V2026.', 'v2026'],
];

export function findGoCalls(text: string, index: OperationIndex): SdkHit[] {
  if (!text.toLowerCase().includes('sailpoint')) return [];
  const hits: SdkHit[] = [];
  for (const [marker, version] of GO_VERSIONS) {
    let from = 0;
    for (;;) {
      const found = text.indexOf(marker, from);
      if (found === -1) break;
      const classStart = found + marker.length;
      from = classStart;
      const classEnd = identEndAt(text, classStart);
      const className = text.slice(classStart, classEnd);
      if (!className.endsWith('API') || text[classEnd] !== '.') continue;
      const methodStart = classEnd + 1;
      const methodEnd = identEndAt(text, methodStart);
      if (methodEnd === methodStart || text[methodEnd] !== '(') continue;
      const tag = className.slice(0, -3);
      const operation = index.sdkOperation('go', version, tag, text.slice(methodStart, methodEnd));
      hits.push({ start: methodStart, operation, text: text.slice(found + 1, methodEnd) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** PowerShell SDK cmdlets; an unversioned (v3) noun counts only in a script that mentions SailPoint. */
export function findPowerShellCalls(text: string, index: OperationIndex): SdkHit[] {
  const mentionsSailPoint = text.toLowerCase().includes('sailpoint');
  const hits: SdkHit[] = [];
  let from = 0;
  for (;;) {
    const dash = text.indexOf('-', from);
    if (dash === -1) return hits;
    from = dash + 1;
    let verbStart = dash;
    while (verbStart > 0 && dash - verbStart < 12 && isLetter(text.charCodeAt(verbStart - 1))) verbStart--;
    if (verbStart === dash || (verbStart > 0 && (isIdentChar(text.charCodeAt(verbStart - 1)) || text[verbStart - 1] === '-'))) continue;
    const nounEnd = identEndAt(text, dash + 1);
    if (nounEnd === dash + 1) continue;
    from = nounEnd;
    const operation = index.cmdlets.get(text.slice(verbStart, nounEnd).toLowerCase());
    if (operation === undefined) continue;
    if (versionOf(operation) === 'v3' && !mentionsSailPoint) continue;
    hits.push({ start: verbStart, operation, text: text.slice(verbStart, nounEnd) });
  }
}
