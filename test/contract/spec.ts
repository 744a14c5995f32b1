// The official PAT specs, dereferenced and compiled to ajv validators, with the published spec's known errors
// corrected in one named place (KNOWN_SPEC_ERRATA) instead of loosening checks anywhere else.
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AssertionError } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FakeTenant } from '../fake-tenant/server';

export type Family = 'v3' | 'v1';
export type JsonSchema = Record<string, unknown>;

interface MediaTypeObject {
  schema?: JsonSchema;
}
interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, { content?: Record<string, MediaTypeObject> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
}
export type SpecDocuments = Record<Family, OpenApiDocument>;

const FAMILY_LAYOUT: Record<Family, { root: string; prefix: string }> = {
  v3: { root: 'idn/v3/personal-access-tokens.openapi.yaml', prefix: '/v3' },
  v1: { root: 'idn/apis/personal-access-tokens/openapi.yaml', prefix: '' },
};

/** The repository root: the nearest folder above this file that holds package.json. */
export function projectRoot(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) {
      throw new Error(`no package.json above ${start}`);
    }
    folder = parent;
  }
  return folder;
}

/** The repository's own copies of the SailPoint specs (see its README for their source and commit). */
export function specsFolder(): string {
  return path.join(projectRoot(), 'test', 'contract', 'specs');
}

export function familyOfPath(requestPath: string): Family | undefined {
  if (requestPath === '/v3/personal-access-tokens' || requestPath.startsWith('/v3/personal-access-tokens/')) {
    return 'v3';
  }
  if (requestPath === '/personal-access-tokens/v1' || requestPath.startsWith('/personal-access-tokens/v1/')) {
    return 'v1';
  }
  return undefined;
}

export async function loadUnmodifiedSpecs(): Promise<SpecDocuments> {
  const load = async (family: Family): Promise<OpenApiDocument> =>
    (await SwaggerParser.dereference(path.join(specsFolder(), FAMILY_LAYOUT[family].root))) as unknown as OpenApiDocument;
  return { v3: await load('v3'), v1: await load('v1') };
}

function schemaAt(document: OpenApiDocument, pathTemplate: string, method: string, ...keys: string[]): JsonSchema {
  let node: unknown = document.paths[pathTemplate]?.[method];
  for (const key of keys) {
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (typeof node !== 'object' || node === null) {
    throw new Error(`spec has no ${method} ${pathTemplate} ${keys.join('.')}: has the published spec changed?`);
  }
  return node as JsonSchema;
}

function walkSchemas(node: unknown, visit: (schema: JsonSchema) => void, seen = new Set<unknown>()): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) {
    return;
  }
  seen.add(node);
  if (!Array.isArray(node)) {
    visit(node as JsonSchema);
  }
  for (const child of Object.values(node)) {
    walkSchemas(child, visit, seen);
  }
}

export interface SpecErratum {
  id: string;
  /** The spec README's own words (or ours, when the README does not name it). */
  description: string;
  /** Corrects the dereferenced documents in place. */
  apply(documents: SpecDocuments): void;
}

const v3ListItem = (documents: SpecDocuments): JsonSchema =>
  schemaAt(documents.v3, '/personal-access-tokens', 'get', 'responses', '200', 'content', 'application/json', 'schema', 'items');
const v1CreateResponse = (documents: SpecDocuments): JsonSchema =>
  schemaAt(documents.v1, '/personal-access-tokens/v1', 'post', 'responses', '200', 'content', 'application/json', 'schema');
const v1PatchOperation = (documents: SpecDocuments): JsonSchema =>
  schemaAt(documents.v1, '/personal-access-tokens/v1/{id}', 'patch', 'requestBody', 'content', 'application/json-patch+json', 'schema', 'items');

function property(schema: JsonSchema, name: string): JsonSchema {
  return (schema.properties as Record<string, JsonSchema>)[name];
}

export const KNOWN_SPEC_ERRATA: readonly SpecErratum[] = [
  {
    id: 'v3-expirationDate-nullable',
    description:
      '`expirationDate` is nullable in the v1 GET response but not in v3; never-expiring tokens exist in practice. ' +
      '(v3 GetPersonalAccessTokenResponse, used by list and patch answers.)',
    apply: (documents) => {
      property(v3ListItem(documents), 'expirationDate').nullable = true;
    },
  },
  {
    id: 'v1-create-response-expirationDate-nullable',
    description:
      'v1 create documents that no `expirationDate` (with `userAwareTokenNeverExpires: true`) makes a token that never ' +
      'expires, yet CreatePersonalAccessTokenResponse requires a non-null `expirationDate`. (Not in the README; ours.)',
    apply: (documents) => {
      property(v1CreateResponse(documents), 'expirationDate').nullable = true;
    },
  },
  {
    id: 'v1-json-patch-value-null',
    description: '`JsonPatchOperation.value` does not allow `null`, yet v1 documents replacing `/expirationDate` with `null`.',
    apply: (documents) => {
      const value = property(v1PatchOperation(documents), 'value');
      value.oneOf = [...(value.oneOf as JsonSchema[]), { type: 'null' }];
    },
  },
  {
    id: 'stray-items-and-non-date-default',
    description: '`accessTokenValiditySeconds` / `expirationDate` carry stray `items:` and a non-date `default`.',
    apply: (documents) => {
      walkSchemas(documents, (schema) => {
        if ('items' in schema && typeof schema.type === 'string' && schema.type !== 'array') {
          delete schema.items;
        }
        if (schema.format === 'date-time' && typeof schema.default === 'string' && Number.isNaN(Date.parse(schema.default))) {
          delete schema.default;
        }
      });
    },
  },
];

export function newAjv(strict: boolean): Ajv {
  // The lenient mode (only for proving errata) must not spam the test output with strict-mode warnings.
  const ajv = new Ajv({ strict, allErrors: true, logger: strict ? undefined : false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
  ajv.addKeyword('example');
  return ajv;
}

export interface SpecValidator {
  /** body: the raw text as sent (JSON is parsed), or an already parsed value; path may carry a query string. */
  validateRequest(family: Family, method: string, requestPath: string, contentType: string | undefined, body: unknown): string[];
  validateResponse(family: Family, method: string, requestPath: string, status: number, body: unknown): string[];
}

function parseBody(body: unknown): { value: unknown } | string {
  if (typeof body !== 'string') {
    return { value: body };
  }
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return `body is not JSON: ${JSON.stringify(body.slice(0, 80))}`;
  }
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

class CompiledSpec implements SpecValidator {
  private readonly compiled = new Map<JsonSchema, ValidateFunction>();

  constructor(
    private readonly documents: SpecDocuments,
    private readonly ajv: Ajv,
  ) {}

  validateRequest(family: Family, method: string, requestPath: string, contentType: string | undefined, body: unknown): string[] {
    const [pathname, search = ''] = requestPath.split('?', 2) as [string, string?];
    const operation = this.operation(family, method, pathname);
    if (typeof operation === 'string') {
      return [operation];
    }
    const label = `${method.toUpperCase()} ${pathname} request`;
    return [...this.queryProblems(operation, new URLSearchParams(search), label), ...this.requestBodyProblems(operation, contentType, body, label)];
  }

  validateResponse(family: Family, method: string, requestPath: string, status: number, body: unknown): string[] {
    const pathname = requestPath.split('?', 1)[0];
    const operation = this.operation(family, method, pathname);
    if (typeof operation === 'string') {
      return [operation];
    }
    const label = `${method.toUpperCase()} ${pathname} ${status} response`;
    const response = operation.responses[String(status)] ?? operation.responses.default;
    if (response === undefined) {
      return [`${label}: status ${status} is not documented`];
    }
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) {
      return isEmptyBody(body) ? [] : [`${label}: the spec documents no body, got ${JSON.stringify(String(body).slice(0, 80))}`];
    }
    return this.schemaProblems(schema, body, label);
  }

  private operation(family: Family, method: string, pathname: string): OperationObject | string {
    const prefix = FAMILY_LAYOUT[family].prefix;
    for (const [template, item] of Object.entries(this.documents[family].paths)) {
      const pattern = new RegExp(`^${prefix}${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (pattern.test(pathname)) {
        return item[method.toLowerCase()] ?? `${method.toUpperCase()} ${pathname}: no such operation in the ${family} spec`;
      }
    }
    return `${pathname}: no such path in the ${family} spec`;
  }

  private queryProblems(operation: OperationObject, query: URLSearchParams, label: string): string[] {
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
    const problems = [...query.keys()]
      .filter((name) => !parameters.some((parameter) => parameter.name === name))
      .map((name) => `${label}: query parameter '${name}' is not in the spec`);
    for (const parameter of parameters) {
      const value = query.get(parameter.name);
      if (value === null) {
        problems.push(...(parameter.required === true ? [`${label}: query parameter '${parameter.name}' is required`] : []));
      } else if (parameter.schema !== undefined) {
        problems.push(...this.schemaProblems(parameter.schema, value, `${label} query '${parameter.name}'`, false));
      }
    }
    return problems;
  }

  private requestBodyProblems(operation: OperationObject, contentType: string | undefined, body: unknown, label: string): string[] {
    const requestBody = operation.requestBody;
    if (requestBody === undefined) {
      return isEmptyBody(body) ? [] : [`${label}: the spec documents no request body`];
    }
    if (isEmptyBody(body)) {
      return requestBody.required === true ? [`${label}: a body is required`] : [];
    }
    const media = requestBody.content[mediaTypeOf(contentType)];
    if (media?.schema === undefined) {
      return [`${label}: Content-Type '${contentType ?? ''}' is not one of ${Object.keys(requestBody.content).join(', ')}`];
    }
    return this.schemaProblems(media.schema, body, label);
  }

  private schemaProblems(schema: JsonSchema, body: unknown, label: string, parseJson = true): string[] {
    const parsed = parseJson ? parseBody(body) : { value: body };
    if (typeof parsed === 'string') {
      return [`${label}: ${parsed}`];
    }
    let validate = this.compiled.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(parsed.value)) {
      return [];
    }
    return (validate.errors ?? []).map((error) => `${label}: ${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
  }
}

/** Builds a validator over the given documents; strict = ajv strict mode (the real one; false only to prove errata). */
export function compileSpec(documents: SpecDocuments, strict = true): SpecValidator {
  return new CompiledSpec(documents, newAjv(strict));
}

export function applyErrata(documents: SpecDocuments, errata: readonly SpecErratum[] = KNOWN_SPEC_ERRATA): SpecDocuments {
  const corrected = structuredClone(documents);
  for (const erratum of errata) {
    erratum.apply(corrected);
  }
  return corrected;
}

let cachedValidator: Promise<SpecValidator> | undefined;

/** The validator every contract test uses: the official specs with KNOWN_SPEC_ERRATA applied, ajv strict. */
export function loadSpecValidator(): Promise<SpecValidator> {
  cachedValidator ??= loadUnmodifiedSpecs().then((documents) => compileSpec(applyErrata(documents)));
  return cachedValidator;
}

/** Faults that put a deliberately off-spec answer (or none) on the wire instead of the fake's own. */
const OFF_SPEC_FAULTS: ReadonlySet<string> = new Set(['status', 'body', 'redirect', 'reset', 'commit-then-drop']);

/** Every problem in a fake's recorded PAT traffic (requests always; responses unless a fault replaced them). */
export async function recordedTrafficProblems(fake: Pick<FakeTenant, 'requests'>): Promise<string[]> {
  const validator = await loadSpecValidator();
  const problems: string[] = [];
  fake.requests.forEach((record, index) => {
    if (record.path.startsWith('/oauth/')) {
      return;
    }
    const tag = `#${index} ${record.method} ${record.path}`;
    const family = familyOfPath(record.path);
    if (family === undefined) {
      problems.push(`${tag}: not a PAT API path`);
      return;
    }
    const search = new URLSearchParams(record.query).toString();
    const target = search === '' ? record.path : `${record.path}?${search}`;
    problems.push(...validator.validateRequest(family, record.method, target, record.headers['content-type'], record.body).map((problem) => `${tag}: ${problem}`));
    if (!/^Bearer \S+$/.test(record.headers.authorization ?? '')) {
      problems.push(`${tag}: no 'Authorization: Bearer <token>' header`);
    }
    if (record.status !== 0 && !OFF_SPEC_FAULTS.has(record.fault ?? '')) {
      problems.push(...validator.validateResponse(family, record.method, record.path, record.status, record.responseBody).map((problem) => `${tag}: ${problem}`));
    }
  });
  return problems;
}

/** Fails with every problem listed when any recorded PAT request or response of the fake breaks the spec. */
export async function assertAllRecordedTrafficMatchesSpec(fake: Pick<FakeTenant, 'requests'>): Promise<void> {
  const problems = await recordedTrafficProblems(fake);
  if (problems.length > 0) {
    throw new AssertionError({ message: `recorded traffic breaks the PAT spec:\n  ${problems.join('\n  ')}` });
  }
}
