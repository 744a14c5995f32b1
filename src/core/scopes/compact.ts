// The catalogue's compact form. Every operation SailPoint publishes (some 4,200 over six API families) would be
// about 750 KB as plain rows; most of it repeats: v2024, v2025 and v2026 share most operations, paths share
// segments, operation ids and summaries share words. So each distinct thing is written once and referred to by a
// number, written as fixed-width base-64 digits in plain strings, which load faster than nested arrays.
// encodeCatalogue runs in the generator only (the bundle drops it); decodeCatalogue runs once, on first use.
import { API_VERSIONS, type ApiOperation, type ApiVersion } from './catalogue';

export interface CatalogueData {
  /** Where the specs came from, e.g. `sailpoint-oss/api-specs at commit …`. */
  source: string;
  /** The specs' licence, which applies to this data and so ships with it (the bundle drops comments). */
  licence: string;
  /** Sorted; a scope set refers to them by index. */
  scopes: string[];
  userLevels: string[];
  tags: string[];
  /** The segments of the paths without their version prefix (`sources`, `{id}`), sorted. */
  segments: string[];
  /**
   * The paths as a tree, PATH_NODE_DIGITS digits a node: its parent node, then its segment. Node 0 is the empty
   * path and is not written; node n is at n - 1. A node's path is its parent's, `/`, its segment.
   */
  pathTree: string;
  /** The pieces operation ids are made of (`list`, `Sources`, `V1`), sorted. */
  idWords: string[];
  /** Each operation id as the idWords it joins, 2 digits a word; ids separated by a space. */
  ids: string;
  /** The words of the summaries, sorted. */
  summaryWords: string[];
  /** Each summary as its summaryWords, 2 digits a word, joined with spaces when decoded; summaries separated by a space. */
  summaries: string;
  /** Each distinct set of scopes an operation accepts, 2 digits a scope; sets separated by a space. */
  scopeSets: string;
  /** The same for sets of user levels. */
  levelSets: string;
  /**
   * One row per operation, shared by every API version where it is the same (OPERATION_FIELDS gives the digits
   * of each field): its path node, method, versions (a bit per API_VERSIONS entry), id, summary, tag, scope set
   * and level set. Sorted by path, then method, and written column by column (every row's path, then every
   * row's method, …): neighbouring rows share tags and methods, which the .vsix's compression then finds.
   */
  operations: string;
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
/** A digit's value by its character code: decoding reads some 100,000 digits. */
const DIGIT_VALUE = new Uint8Array(128);
for (let value = 0; value < DIGITS.length; value++) DIGIT_VALUE[DIGITS.charCodeAt(value)] = value;
const WORD_DIGITS = 2;
const PATH_NODE_DIGITS = 4;
const LIST_SEPARATOR = ' ';
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

const OPERATION_FIELDS = [
  ['path', 2],
  ['method', 1],
  ['versions', 1],
  ['id', 2],
  ['summary', 2],
  ['tag', 2],
  ['scopeSet', 2],
  ['levelSet', 2],
] as const;
type OperationField = (typeof OPERATION_FIELDS)[number][0];
const OPERATION_DIGITS = OPERATION_FIELDS.reduce((sum, [, digits]) => sum + digits, 0);

/** The path prefix of a version: `/v2025`; the v1 family's paths carry their version inside (`/sources/v1`). */
export function versionPrefix(version: ApiVersion): string {
  return version === 'v1' ? '' : `/${version}`;
}

// ---- decoding (run once, when the catalogue is first needed) ----

function readNumber(text: string, at: number, digits: number): number {
  let value = 0;
  for (let index = at; index < at + digits; index++) value = value * 64 + DIGIT_VALUE[text.charCodeAt(index) & 127];
  return value;
}

/** Each list of `lists` as the table entries it refers to. */
function readSets(lists: string, table: readonly string[]): string[][] {
  return lists.split(LIST_SEPARATOR).map((list) => {
    const set: string[] = [];
    for (let at = 0; at < list.length; at += WORD_DIGITS) set.push(table[readNumber(list, at, WORD_DIGITS)]);
    return set;
  });
}

/** Each list of `lists` as one text: its words, joined. */
function readTexts(lists: string, words: readonly string[], joiner: string): string[] {
  return lists.split(LIST_SEPARATOR).map((list) => {
    let text = '';
    for (let at = 0; at < list.length; at += WORD_DIGITS) text += (at === 0 ? '' : joiner) + words[readNumber(list, at, WORD_DIGITS)];
    return text;
  });
}

function readPaths(data: CatalogueData): string[] {
  const paths = [''];
  const half = PATH_NODE_DIGITS / 2;
  for (let at = 0; at < data.pathTree.length; at += PATH_NODE_DIGITS) {
    paths.push(`${paths[readNumber(data.pathTree, at, half)]}/${data.segments[readNumber(data.pathTree, at + half, half)]}`);
  }
  return paths;
}

/** A row's fields by position in OPERATION_FIELDS, read into one reused array (decoding runs before V8 optimises it). */
const FIELD = Object.fromEntries(OPERATION_FIELDS.map(([field], index) => [field, index])) as Record<OperationField, number>;

/** Row `row` of `count` rows, written column by column. */
function readRow(operations: string, count: number, row: number, into: Int32Array): void {
  let column = 0;
  for (let index = 0; index < OPERATION_FIELDS.length; index++) {
    const digits = OPERATION_FIELDS[index][1];
    into[index] = readNumber(operations, column + row * digits, digits);
    column += count * digits;
  }
}

/** Every operation, v3 first and the v1 family last (API_VERSIONS), each version's sorted by path, then method. */
export function decodeCatalogue(data: CatalogueData): ApiOperation[] {
  const paths = readPaths(data);
  const ids = readTexts(data.ids, data.idWords, '');
  const summaries = readTexts(data.summaries, data.summaryWords, ' ');
  const scopeSets = readSets(data.scopeSets, data.scopes);
  const levelSets = readSets(data.levelSets, data.userLevels);
  const prefixes = API_VERSIONS.map(versionPrefix);
  const byVersion = API_VERSIONS.map((): ApiOperation[] => []);
  const row = new Int32Array(OPERATION_FIELDS.length);
  const count = data.operations.length / OPERATION_DIGITS;
  for (let index = 0; index < count; index++) {
    readRow(data.operations, count, index, row);
    for (let bit = 0; bit < API_VERSIONS.length; bit++) {
      if ((row[FIELD.versions] & (1 << bit)) === 0) continue;
      byVersion[bit].push({
        id: ids[row[FIELD.id]],
        method: METHODS[row[FIELD.method]],
        path: prefixes[bit] + paths[row[FIELD.path]],
        version: API_VERSIONS[bit],
        tag: data.tags[row[FIELD.tag]],
        summary: summaries[row[FIELD.summary]],
        scopes: scopeSets[row[FIELD.scopeSet]],
        userLevels: levelSets[row[FIELD.levelSet]],
      });
    }
  }
  return byVersion.flat();
}

// ---- encoding (the generator) ----

function writeNumber(value: number, digits: number, what: string): string {
  if (!Number.isInteger(value) || value < 0 || value >= 64 ** digits) {
    throw new RangeError(`${what} ${value} does not fit in ${digits} base-64 digits: widen the field in compact.ts`);
  }
  let text = '';
  for (let rest = value, index = 0; index < digits; index++, rest = Math.floor(rest / 64)) text = DIGITS[rest % 64] + text;
  return text;
}

/** Each distinct value once, sorted, with its index. */
class Table {
  readonly values: string[];
  private readonly index: Map<string, number>;

  constructor(values: Iterable<string>) {
    this.values = [...new Set(values)].sort();
    this.index = new Map(this.values.map((value, index) => [value, index]));
  }

  indexOf(value: string): number {
    const index = this.index.get(value);
    if (index === undefined) throw new Error(`not in the table: ${value}`);
    return index;
  }

  /** The values as one list of indexes, `digits` wide. */
  write(values: readonly string[], what: string, digits = WORD_DIGITS): string {
    return values.map((value) => writeNumber(this.indexOf(value), digits, what)).join('');
  }
}

/** An operation id's pieces: split before each capital (`getSourceV1` → get, Source, V1), so joining them gives it back. */
function idWords(id: string): string[] {
  return id.split(/(?=[A-Z])/).filter((word) => word !== '');
}

function summaryWords(summary: string): string[] {
  return summary.split(' ').filter((word) => word !== '');
}

/** The path without its version prefix; throws if the path does not carry the prefix of its version. */
function unversionedPath(operation: ApiOperation): string {
  const prefix = versionPrefix(operation.version);
  const rest = operation.path.slice(prefix.length);
  if (!operation.path.startsWith(prefix) || !(rest === '' || rest.startsWith('/'))) {
    throw new Error(`${operation.method} ${operation.path} does not start with ${prefix}/ of ${operation.version}`);
  }
  return rest;
}

function segmentsOf(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/');
}

/** Nodes in the order they are written: every path's prefixes before it. */
function pathTree(paths: readonly string[], segments: Table): { tree: string; nodeOf: Map<string, number> } {
  const nodeOf = new Map<string, number>([['', 0]]);
  let tree = '';
  for (const path of [...paths].sort()) {
    let parent = '';
    for (const segment of segmentsOf(path)) {
      const node = `${parent}/${segment}`;
      if (!nodeOf.has(node)) {
        nodeOf.set(node, nodeOf.size);
        tree += writeNumber(nodeOf.get(parent) as number, PATH_NODE_DIGITS / 2, 'path node') + segments.write([segment], 'segment', PATH_NODE_DIGITS / 2);
      }
      parent = node;
    }
  }
  return { tree, nodeOf };
}

/** What an operation is apart from its version: operations equal in all of it share one row. */
interface SharedOperation {
  path: string;
  method: string;
  id: string;
  summary: string;
  tag: string;
  scopes: readonly string[];
  userLevels: readonly string[];
  versions: number;
}

function sharedOperations(operations: readonly ApiOperation[]): SharedOperation[] {
  const byKey = new Map<string, SharedOperation>();
  for (const operation of operations) {
    const shared = { ...operation, path: unversionedPath(operation), versions: 0 };
    const key = JSON.stringify([shared.path, shared.method, shared.id, shared.summary, shared.tag, shared.scopes, shared.userLevels]);
    const row = byKey.get(key) ?? shared;
    row.versions |= 1 << API_VERSIONS.indexOf(operation.version);
    byKey.set(key, row);
  }
  const order = (row: SharedOperation): string => JSON.stringify([row.path, row.method, row.versions]);
  return [...byKey.values()].sort((a, b) => (a.path !== b.path ? (a.path < b.path ? -1 : 1) : order(a) < order(b) ? -1 : 1));
}

/** Lists of table values as indexes, separated; the lists themselves are made distinct and sorted. */
function listTable(lists: readonly (readonly string[])[], table: Table, what: string): { text: string; indexOf: (list: readonly string[]) => number } {
  const written = new Table(lists.map((list) => table.write(list, what)));
  return { text: written.values.join(LIST_SEPARATOR), indexOf: (list) => written.indexOf(table.write(list, what)) };
}

export function encodeCatalogue(operations: readonly ApiOperation[], source: string, licence: string): CatalogueData {
  for (const operation of operations) {
    if (!(METHODS as readonly string[]).includes(operation.method)) throw new Error(`unknown method ${operation.method} of ${operation.path}`);
    // Summaries are stored as words and joined with single spaces.
    if (!/^(\S+( \S+)*)?$/.test(operation.summary)) throw new Error(`${operation.method} ${operation.path}: summary is not one line of single spaces`);
  }
  const rows = sharedOperations(operations);
  const scopes = new Table(rows.flatMap((row) => row.scopes));
  const userLevels = new Table(rows.flatMap((row) => row.userLevels));
  const tags = new Table(rows.map((row) => row.tag));
  const segments = new Table(rows.flatMap((row) => segmentsOf(row.path)));
  const idTable = new Table(rows.flatMap((row) => idWords(row.id)));
  const summaryTable = new Table(rows.flatMap((row) => summaryWords(row.summary)));
  const ids = listTable(rows.map((row) => idWords(row.id)), idTable, 'id word');
  const summaries = listTable(rows.map((row) => summaryWords(row.summary)), summaryTable, 'summary word');
  const scopeSets = listTable(rows.map((row) => row.scopes), scopes, 'scope');
  const levelSets = listTable(rows.map((row) => row.userLevels), userLevels, 'user level');
  const paths = pathTree(rows.map((row) => row.path), segments);
  const fields = (row: SharedOperation): Record<OperationField, number> => ({
    path: paths.nodeOf.get(row.path) as number,
    method: METHODS.indexOf(row.method as (typeof METHODS)[number]),
    versions: row.versions,
    id: ids.indexOf(idWords(row.id)),
    summary: summaries.indexOf(summaryWords(row.summary)),
    tag: tags.indexOf(row.tag),
    scopeSet: scopeSets.indexOf(row.scopes),
    levelSet: levelSets.indexOf(row.userLevels),
  });
  const values = rows.map(fields);
  const operationText = OPERATION_FIELDS.map(([field, digits]) => values.map((row) => writeNumber(row[field], digits, field)).join('')).join('');
  return {
    source,
    licence,
    scopes: scopes.values,
    userLevels: userLevels.values,
    tags: tags.values,
    segments: segments.values,
    pathTree: paths.tree,
    idWords: idTable.values,
    ids: ids.text,
    summaryWords: summaryTable.values,
    summaries: summaries.text,
    scopeSets: scopeSets.text,
    levelSets: levelSets.text,
    operations: operationText,
  };
}
