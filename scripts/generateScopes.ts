// Writes src/core/scopes/catalogueData.ts, the scope catalogue, from SailPoint's OpenAPI root documents: for every
// operation of v3, beta, v2024, v2025, v2026 and the per-service v1 family, its exact URL, method, id, first tag,
// summary, the scopes that grant it and the user levels the spec names, in the compact form of compact.ts.
// The extension never reads the specs: it ships this generated file (the specs are MIT; their notice goes with it).
// Usage: npm run generate:scopes -- <folder of sailpoint-oss/api-specs, the one holding idn/>
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { API_VERSIONS, type ApiOperation, type ApiVersion } from '../src/core/scopes/catalogue';
import { type CatalogueData, encodeCatalogue, METHODS, versionPrefix } from '../src/core/scopes/compact';

const OUTPUT = path.resolve(__dirname, '../../src/core/scopes/catalogueData.ts');

interface SpecOperation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[] | undefined>[];
  'x-sailpoint-userLevels'?: string[];
}

type PathItem = Partial<Record<string, SpecOperation>> & { $ref?: string };

interface RootDocument {
  servers?: { url?: string }[];
  paths?: Record<string, PathItem | undefined>;
}

/** One root document: the URL prefix its paths go under and the version its operations belong to. */
export interface RootFile {
  file: string;
  version: ApiVersion;
}

/** The root documents: `idn/sailpoint-api.<version>.yaml` of the versioned families, `idn/apis/<service>/openapi.yaml` of v1. */
export function rootFiles(specsRoot: string): RootFile[] {
  const idn = path.join(specsRoot, 'idn');
  const versioned = API_VERSIONS.filter((version) => version !== 'v1').map((version) => ({ file: path.join(idn, `sailpoint-api.${version}.yaml`), version }));
  const missing = versioned.filter(({ file }) => !existsSync(file));
  if (missing.length > 0) throw new Error(`no root document ${missing.map(({ file }) => path.relative(specsRoot, file)).join(', ')}`);
  const apis = path.join(idn, 'apis');
  const services = existsSync(apis) ? readdirSync(apis).sort() : [];
  const perService = services.map((service) => path.join(apis, service, 'openapi.yaml')).filter((file) => existsSync(file));
  return [...versioned, ...perService.map((file) => ({ file, version: 'v1' as const }))];
}

function readYaml<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}

/** The root document must serve its paths under the version's prefix, as the catalogue writes them. */
function checkServer(root: RootDocument, { file, version }: RootFile): void {
  const url = root.servers?.[0]?.url ?? '';
  const served = url.replace(/^[a-z]+:\/\/[^/]*/, '').replace(/\/$/, '');
  if (served !== versionPrefix(version)) throw new Error(`${file}: server ${url} does not serve the paths of ${version}`);
}

/** Any one listed scope grants the operation, whichever scheme lists it; stray spaces in the spec are dropped. */
function scopesOf(operation: SpecOperation): string[] {
  const scopes = (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flatMap((list) => list ?? []));
  return [...new Set(scopes.map((scope) => scope.trim()).filter((scope) => scope !== ''))].sort();
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function operationOf(operation: SpecOperation, method: string, url: string, version: ApiVersion): ApiOperation {
  return {
    id: (operation.operationId ?? '').trim(),
    method: method.toUpperCase(),
    path: versionPrefix(version) + url,
    version,
    tag: oneLine(operation.tags?.[0]),
    summary: oneLine(operation.summary),
    scopes: scopesOf(operation),
    userLevels: [...new Set((operation['x-sailpoint-userLevels'] ?? []).map((level) => level.trim()).filter((level) => level !== ''))].sort(),
  };
}

/** Every operation a root document maps a URL to, reading each path file it names once. */
function readRoot(root: RootFile, pathFiles: Map<string, PathItem>): ApiOperation[] {
  const document = readYaml<RootDocument>(root.file);
  checkServer(document, root);
  return Object.entries(document.paths ?? {}).flatMap(([url, item]) => {
    if (item === undefined) return [];
    let resolved = item;
    if (item.$ref !== undefined) {
      const file = path.resolve(path.dirname(root.file), item.$ref);
      resolved = pathFiles.get(file) ?? readYaml<PathItem>(file);
      pathFiles.set(file, resolved);
    }
    return METHODS.flatMap((method) => {
      const operation = resolved[method.toLowerCase()];
      return operation === undefined ? [] : [operationOf(operation, method, url, root.version)];
    });
  });
}

/** Every operation of every root document under `specsRoot`; throws if two claim the same method and URL. */
export function readSpecs(specsRoot: string): ApiOperation[] {
  const pathFiles = new Map<string, PathItem>();
  const operations = rootFiles(specsRoot).flatMap((root) => readRoot(root, pathFiles));
  const seen = new Set<string>();
  for (const { method, path: url } of operations) {
    if (seen.has(`${method} ${url}`)) throw new Error(`${method} ${url} is defined twice`);
    seen.add(`${method} ${url}`);
  }
  return operations;
}

/** The commit the copy was taken at, when its README says so. */
function sourceOf(specsRoot: string): string {
  const readme = path.join(specsRoot, 'README.md');
  const commit = existsSync(readme) ? /commit ([0-9a-f]{40})/.exec(readFileSync(readme, 'utf8'))?.[1] : undefined;
  return commit === undefined ? 'sailpoint-oss/api-specs' : `sailpoint-oss/api-specs at commit ${commit}`;
}

/** Short tables one entry a line (a regeneration's diff reads well); the long packed strings on one line each. */
function render(data: CatalogueData): string {
  const notice = data.licence.trim().split('\n').map((line) => `// ${line}`.trimEnd()).join('\n');
  const fields = Object.entries(data).map(([name, value]) =>
    Array.isArray(value) ? `  ${name}: [\n${value.map((item) => `    ${JSON.stringify(item)},`).join('\n')}\n  ],` : `  ${name}: ${JSON.stringify(value)},`,
  );
  return `// GENERATED by \`npm run generate:scopes\` (scripts/generateScopes.ts) from SailPoint's OpenAPI specifications: do not edit.
// Which scope grants which operation, from ${data.source}
// (the root documents of v3, beta, v2024, v2025, v2026 and of the per-service v1 family), encoded as
// src/core/scopes/compact.ts describes.
// The specifications are published under this licence, which applies to the data below (it is also in \`licence\`,
// so it ships in the bundle, which drops comments):
//
${notice}

import type { CatalogueData } from './compact';

export const CATALOGUE_DATA: CatalogueData = {
${fields.join('\n')}
};
`;
}

function main(): void {
  const specsRoot = process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]);
  if (specsRoot === undefined || !existsSync(path.join(specsRoot, 'idn'))) {
    console.error('Usage: npm run generate:scopes -- <folder of the SailPoint API specs, holding idn/>');
    process.exit(2);
  }
  const operations = readSpecs(specsRoot);
  const data = encodeCatalogue(operations, sourceOf(specsRoot), readFileSync(path.join(specsRoot, 'LICENSE'), 'utf8').replace(/\r\n/g, '\n').trim());
  writeFileSync(OUTPUT, render(data));
  const perVersion = API_VERSIONS.map((version) => `${version} ${operations.filter((operation) => operation.version === version).length}`);
  console.log(`${path.relative(process.cwd(), OUTPUT)}: ${data.scopes.length} scopes over ${operations.length} operations (${perVersion.join(', ')})`);
}

if (require.main === module) main();
