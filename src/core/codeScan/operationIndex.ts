// The catalogue's operations indexed the ways code names them: by URL template (a segment trie), by SDK class and
// method (TypeScript, Python, Go) and by PowerShell cmdlet. Built once per scan from catalogue data, never from files.
import type { ScanApiVersion, ScanOperation } from './types';

export const PREFIX_VERSIONS: readonly ScanApiVersion[] = ['v3', 'beta', 'v2024', 'v2025', 'v2026'];

interface PathNode {
  literal: Map<string, PathNode>;
  param?: PathNode;
  operations: ScanOperation[];
}

/** A segment of a URL found in code: literal text, or dynamic (built from an interpolation or a variable). */
export interface FoundSegment {
  text: string;
  dynamic: boolean;
}

function newNode(): PathNode {
  return { literal: new Map(), operations: [] };
}

export function versionOf(operation: ScanOperation): ScanApiVersion | undefined {
  if (operation.version !== undefined) return operation.version as ScanApiVersion;
  const [first, second] = operation.path.split('/').filter((segment) => segment !== '');
  if ((PREFIX_VERSIONS as readonly string[]).includes(first)) return first as ScanApiVersion;
  return second === 'v1' ? 'v1' : undefined;
}

/** The SDK class name part of a tag: `Access Profiles` → `AccessProfiles`. */
export function tagKey(tag: string): string {
  let key = '';
  for (const character of tag) if (/[A-Za-z0-9]/.test(character)) key += character;
  return key;
}

/** The suffix TypeScript puts after the tag (`SourcesBetaApi`) and the prefix PowerShell puts before the noun. */
export function versionWord(version: ScanApiVersion): string {
  return version === 'v3' || version === 'v1' ? '' : version === 'beta' ? 'Beta' : `V${version.slice(1)}`;
}

/** OpenAPI Generator's snake case for Python: `getSourceSchemaCSV` → `get_source_schema_csv`. */
export function snakeCase(operationId: string): string {
  return operationId
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function pascalCase(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

/** The PowerShell SDK's verb for an operationId's first word; any operation also answers to `Invoke-…`. */
const POWERSHELL_VERBS: Record<string, string[]> = {
  get: ['Get'],
  list: ['Get'],
  create: ['New'],
  delete: ['Remove'],
  remove: ['Remove'],
  update: ['Update'],
  patch: ['Update'],
  put: ['Send', 'Set'],
  set: ['Set'],
  start: ['Start'],
  submit: ['Submit'],
  test: ['Test'],
  import: ['Import'],
  export: ['Export'],
  approve: ['Approve'],
  reject: ['Deny'],
  cancel: ['Stop'],
  enable: ['Enable'],
  disable: ['Disable'],
  search: ['Search'],
  add: ['Add'],
  send: ['Send'],
  reset: ['Reset'],
  sync: ['Sync'],
  confirm: ['Confirm'],
  move: ['Move'],
  copy: ['Copy'],
  show: ['Show'],
};

export function powershellNames(operation: ScanOperation, version: ScanApiVersion): string[] {
  const word = versionWord(version);
  const names = [`Invoke-${word}${pascalCase(operation.id)}`];
  let split = 0;
  while (split < operation.id.length && /[a-z]/.test(operation.id[split])) split++;
  const verbs = POWERSHELL_VERBS[operation.id.slice(0, split)];
  const noun = operation.id.slice(split);
  if (verbs !== undefined && noun !== '') for (const verb of verbs) names.push(`${verb}-${word}${noun}`);
  return names;
}

export type SdkLanguage = 'ts' | 'python' | 'go';

export class OperationIndex {
  private readonly root = newNode();
  /** The services of the v1 family: `/sources/v1` is a call only if `sources` is one. */
  readonly v1Services = new Set<string>();
  readonly versions = new Set<ScanApiVersion>();
  /** `SourcesV2025Api` → version and tag key. */
  readonly tsClasses = new Map<string, { version: ScanApiVersion; tag: string }>();
  /** `v3|Sources` → SDK method name → operation, per language. */
  private readonly sdkMethods: Record<SdkLanguage, Map<string, Map<string, ScanOperation>>> = {
    ts: new Map(),
    python: new Map(),
    go: new Map(),
  };
  /** Lower-case cmdlet name → operation. */
  readonly cmdlets = new Map<string, ScanOperation>();
  /** Every method name any SDK class has, per language: a quick filter before the class is known. */
  readonly methodNames: Record<SdkLanguage, Set<string>> = { ts: new Set(), python: new Set(), go: new Set() };
  /** Scope → how many operations it grants: how powerful it is. */
  readonly breadth = new Map<string, number>();

  constructor(operations: readonly ScanOperation[] = []) {
    for (const operation of operations) this.add(operation);
  }

  /**
   * The index built in slices of at most `sliceMs`, yielding to the event loop between them: the whole catalogue
   * in one go held the extension host for over 50 ms (bench/codeScan.ts).
   */
  static async build(operations: readonly ScanOperation[], sliceMs = 15): Promise<OperationIndex> {
    const index = new OperationIndex();
    let sliceStart = Date.now();
    for (const operation of operations) {
      index.add(operation);
      if (Date.now() - sliceStart < sliceMs) continue;
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    }
    return index;
  }

  private add(operation: ScanOperation): void {
    const version = versionOf(operation);
    if (version === undefined) return;
    this.versions.add(version);
    for (const scope of operation.scopes) this.breadth.set(scope, (this.breadth.get(scope) ?? 0) + 1);
    const segments = operation.path.split('/').filter((segment) => segment !== '');
    if (version === 'v1') this.v1Services.add(segments[0]);
    let node = this.root;
    for (const segment of segments) {
      if (segment.startsWith('{') && segment.endsWith('}')) node = node.param ??= newNode();
      else {
        let next = node.literal.get(segment);
        if (next === undefined) node.literal.set(segment, (next = newNode()));
        node = next;
      }
    }
    node.operations.push(operation);
    if (operation.id === '' || operation.tag === undefined || version === 'v1') return;
    const tag = tagKey(operation.tag);
    const classKey = `${version}|${tag}`;
    this.tsClasses.set(`${tag}${versionWord(version)}Api`, { version, tag });
    this.addMethod('ts', classKey, operation.id, operation);
    this.addMethod('python', classKey, snakeCase(operation.id), operation);
    this.addMethod('go', classKey, pascalCase(operation.id), operation);
    for (const name of powershellNames(operation, version)) {
      const key = name.toLowerCase();
      if (!this.cmdlets.has(key)) this.cmdlets.set(key, operation);
    }
  }

  private addMethod(language: SdkLanguage, classKey: string, method: string, operation: ScanOperation): void {
    let methods = this.sdkMethods[language].get(classKey);
    if (methods === undefined) this.sdkMethods[language].set(classKey, (methods = new Map<string, ScanOperation>()));
    methods.set(method, operation);
    this.methodNames[language].add(method);
  }

  /** True when any operation of this version has this tag: the class exists. */
  hasClass(language: SdkLanguage, version: ScanApiVersion, tag: string): boolean {
    return this.sdkMethods[language].has(`${version}|${tag}`);
  }

  sdkOperation(language: SdkLanguage, version: ScanApiVersion, tag: string, method: string): ScanOperation | undefined {
    return this.sdkMethods[language].get(`${version}|${tag}`)?.get(method);
  }

  /** The operations whose template the found segments fit, literal segments preferring literal templates. */
  operationsAt(segments: readonly FoundSegment[]): ScanOperation[] {
    const walk = (node: PathNode, index: number): ScanOperation[] => {
      if (index === segments.length) return node.operations;
      const segment = segments[index];
      if (!segment.dynamic) {
        const next = node.literal.get(segment.text);
        if (next !== undefined) {
          const found = walk(next, index + 1);
          if (found.length > 0) return found;
        }
      }
      return node.param === undefined ? [] : walk(node.param, index + 1);
    };
    return walk(this.root, 0);
  }
}
