// Writes src/core/scopes/catalogueData.ts, the scope catalogue, from SailPoint's OpenAPI path files: for every
// operation its id, method, path, summary, the scopes that grant it and the user levels the spec names.
// The extension never reads the specs: it ships this generated file (the specs are MIT; their notice goes with it).
// Usage: npm run generate:scopes -- <folder of sailpoint-oss/api-specs, the one holding idn/>
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { CatalogueData, OperationRow } from '../src/core/scopes/catalogue';

const OUTPUT = path.resolve(__dirname, '../../src/core/scopes/catalogueData.ts');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface SpecParameter {
  in?: string;
  name?: string;
}

interface SpecOperation {
  operationId?: string;
  summary?: string;
  parameters?: SpecParameter[];
  security?: Record<string, string[] | undefined>[];
  'x-sailpoint-userLevels'?: string[];
}

interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string;
  scopes: string[];
  userLevels: string[];
}

/** Path files of both families: the v1 per-service family (idn/apis/<service>/paths) and v3 (idn/v3/paths). */
function pathFiles(specsRoot: string): { file: string; family: 'v1' | 'v3' }[] {
  const idn = path.join(specsRoot, 'idn');
  const yamlIn = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort().map((name) => path.join(dir, name)) : [];
  const services = readdirSync(path.join(idn, 'apis')).sort();
  return [
    ...services.flatMap((service) => yamlIn(path.join(idn, 'apis', service, 'paths')).map((file) => ({ file, family: 'v1' as const }))),
    ...yamlIn(path.join(idn, 'v3', 'paths')).map((file) => ({ file, family: 'v3' as const })),
  ];
}

/**
 * The subset holds path files without the root documents that map URLs to them, so the path is read off the file
 * name: `identities-v1-by-identityid-role-assignments` is /identities/v1/{identityId}/role-assignments (a `by-x`
 * is the path parameter whose name is x, spelt as the operation spells it). Close to the URL, not always equal.
 */
export function pathFromFileName(fileName: string, family: 'v1' | 'v3', pathParameters: readonly string[]): string {
  const stem = path.basename(fileName, '.yaml');
  const versioned = /^(.+?)-(v\d+)(?:-(.*))?$/.exec(stem);
  const [head, rest] = family === 'v1' && versioned !== null ? [`/${versioned[1]}/${versioned[2]}`, versioned[3] ?? ''] : ['/v3', stem];
  const key = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const byKey = new Map(pathParameters.map((name) => [key(name), name]));
  const placed = new Set<string>();
  const segments: string[] = [];
  let words: string[] = [];
  const flush = (): void => {
    if (words.length > 0) segments.push(words.join('-'));
    words = [];
  };
  const parts = rest === '' ? [] : rest.split('-');
  /** The parameter named at parts[from…], and how many parts its name takes (`identity-id` takes two). */
  const parameterAt = (from: number): [string, number] | undefined => {
    for (let length = 1; length <= 3 && from + length <= parts.length; length++) {
      const name = byKey.get(key(parts.slice(from, from + length).join('')));
      if (name !== undefined && !placed.has(name)) return [name, length];
    }
    return undefined;
  };
  for (let index = 0; index < parts.length; index++) {
    const isBy = parts[index] === 'by';
    // A `by-x` whose parameter the operation does not declare (a shared $ref) still names one.
    const undeclared: [string, number] | undefined = isBy && index + 1 < parts.length ? [parts[index + 1], 1] : undefined;
    const found = isBy ? (parameterAt(index + 1) ?? undeclared) : parts[index] === 'id' ? parameterAt(index) : undefined;
    if (found === undefined) {
      words.push(parts[index]);
      continue;
    }
    flush();
    segments.push(`{${found[0]}}`);
    placed.add(found[0]);
    index += found[1] - (isBy ? 0 : 1);
  }
  flush();
  const unplaced = pathParameters.filter((name) => !placed.has(name)).map((name) => `{${name}}`);
  return [head, ...segments, ...unplaced].join('/');
}

/** Any one listed scope grants the operation, whichever scheme lists it; stray spaces in the spec are dropped. */
function scopesOf(operation: SpecOperation): string[] {
  const scopes = (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flatMap((list) => list ?? []));
  return [...new Set(scopes.map((scope) => scope.trim()).filter((scope) => scope !== ''))].sort();
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function readOperations(file: string, family: 'v1' | 'v3'): Operation[] {
  const document = parse(readFileSync(file, 'utf8')) as Record<string, SpecOperation | undefined>;
  return METHODS.flatMap((method) => {
    const operation = document[method];
    if (operation === undefined) return [];
    const pathParameters = (operation.parameters ?? []).filter((p) => p.in === 'path' && typeof p.name === 'string').map((p) => p.name as string);
    const url = pathFromFileName(file, family, pathParameters);
    return [
      {
        id: operation.operationId ?? '',
        method: method.toUpperCase(),
        path: url,
        summary: oneLine(operation.summary),
        scopes: scopesOf(operation),
        userLevels: [...new Set((operation['x-sailpoint-userLevels'] ?? []).map((level) => level.trim()))].sort(),
      },
    ];
  });
}

function indexOf(list: readonly string[]): Map<string, number> {
  return new Map(list.map((item, index) => [item, index]));
}

export function buildCatalogue(operations: readonly Operation[], source: string): CatalogueData {
  const sorted = [...operations].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1));
  const scopes = [...new Set(sorted.flatMap((operation) => operation.scopes))].sort();
  const levels = [...new Set(sorted.flatMap((operation) => operation.userLevels))].sort();
  const scopeIndex = indexOf(scopes);
  const levelIndex = indexOf(levels);
  const rows: OperationRow[] = sorted.map((operation) => [
    operation.id,
    operation.method,
    operation.path,
    operation.summary,
    operation.scopes.map((scope) => scopeIndex.get(scope) as number),
    operation.userLevels.map((level) => levelIndex.get(level) as number),
  ]);
  return { source, scopes, userLevels: levels, operations: rows };
}

/** The commit the subset was copied at, when its README says so. */
function sourceOf(specsRoot: string): string {
  const readme = path.join(specsRoot, 'README.md');
  const commit = existsSync(readme) ? /commit ([0-9a-f]{40})/.exec(readFileSync(readme, 'utf8'))?.[1] : undefined;
  return commit === undefined ? 'sailpoint-oss/api-specs' : `sailpoint-oss/api-specs at commit ${commit}`;
}

function render(catalogue: CatalogueData, licence: string): string {
  const notice = licence.trim().split('\n').map((line) => `// ${line}`.trimEnd()).join('\n');
  const list = (items: readonly unknown[]): string => items.map((item) => `    ${JSON.stringify(item)},`).join('\n');
  return `// GENERATED by \`npm run generate:scopes\` (scripts/generateScopes.ts) from SailPoint's OpenAPI specifications: do not edit.
// Which scope grants which operation, from ${catalogue.source} (path files of v3 and of the v1 per-service family).
// The specifications are published under this licence, which applies to the data below:
//
${notice}

import type { CatalogueData } from './catalogue';

export const CATALOGUE_DATA: CatalogueData = {
  source: ${JSON.stringify(catalogue.source)},
  scopes: [
${list(catalogue.scopes)}
  ],
  userLevels: [
${list(catalogue.userLevels)}
  ],
  operations: [
${list(catalogue.operations)}
  ],
};
`;
}

function main(): void {
  const specsRoot = process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]);
  if (specsRoot === undefined || !existsSync(path.join(specsRoot, 'idn'))) {
    console.error('Usage: npm run generate:scopes -- <folder of the SailPoint API specs, holding idn/>');
    process.exit(2);
  }
  const operations = pathFiles(specsRoot).flatMap(({ file, family }) => readOperations(file, family));
  const catalogue = buildCatalogue(operations, sourceOf(specsRoot));
  writeFileSync(OUTPUT, render(catalogue, readFileSync(path.join(specsRoot, 'LICENSE'), 'utf8')));
  console.log(`${path.relative(process.cwd(), OUTPUT)}: ${catalogue.scopes.length} scopes over ${catalogue.operations.length} operations`);
}

if (require.main === module) main();
