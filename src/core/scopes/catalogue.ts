// The scope catalogue: which scope grants which operation of SailPoint's APIs, as SailPoint's own specs say.
// The data is generated (catalogueData.ts, encoded as compact.ts describes) and loaded on first use only (load.ts);
// this is the plain-Node view of it.

/** The API families a script may call: the versioned ones under their prefix, and the per-service v1 family. */
export type ApiVersion = 'v3' | 'beta' | 'v2024' | 'v2025' | 'v2026' | 'v1';

/** In the order the catalogue lists them: v3 first, the per-service v1 family last. */
export const API_VERSIONS: readonly ApiVersion[] = ['v3', 'beta', 'v2024', 'v2025', 'v2026', 'v1'];

export interface ApiOperation {
  /** The spec's operationId (the SDKs' method name); empty where the spec gives none. */
  id: string;
  /** Upper case: GET, POST, PUT, PATCH, DELETE (and HEAD, which three beta-to-v2025 operations use). */
  method: string;
  /** The exact URL template with its version prefix (`/v2025/sources/{id}`); for the v1 family as its root document gives it (`/sources/v1/{id}`). */
  path: string;
  version: ApiVersion;
  /** The spec's first tag, as written (`Access Profiles`): the SDK class is named after it, spaces removed. */
  tag: string;
  summary: string;
  /** Any one of them grants the operation; empty where the spec names none. */
  scopes: readonly string[];
  userLevels: readonly string[];
}

export class ScopeCatalogue {
  readonly operations: readonly ApiOperation[];
  private readonly byScope = new Map<string, ApiOperation[]>();

  /** `source` says where the specs came from, e.g. `sailpoint-oss/api-specs at commit …`. */
  constructor(operations: readonly ApiOperation[], readonly source = '') {
    this.operations = operations;
    const byScope = new Map<string, ApiOperation[]>();
    for (const operation of operations) {
      for (const scope of operation.scopes) {
        const granted = byScope.get(scope);
        if (granted === undefined) byScope.set(scope, [operation]);
        else granted.push(operation);
      }
    }
    for (const scope of [...byScope.keys()].sort()) this.byScope.set(scope, byScope.get(scope) as ApiOperation[]);
  }

  /** Every scope some operation names, sorted. */
  get scopes(): string[] {
    return [...this.byScope.keys()];
  }

  knows(scope: string): boolean {
    return this.byScope.has(scope);
  }

  /** The operations the scope grants on its own, in catalogue order. */
  operationsOf(scope: string): readonly ApiOperation[] {
    return this.byScope.get(scope) ?? [];
  }

  /** The first API version that uses the scope, as a rank: v3 is 0, the v1 family 5, a scope no operation names 6. */
  versionRank(scope: string): number {
    const ranks = this.operationsOf(scope).map((operation) => API_VERSIONS.indexOf(operation.version));
    return ranks.length === 0 ? API_VERSIONS.length : Math.min(...ranks);
  }

  /** The scopes among these that no operation names: a typo or a retired scope, which grants nothing. */
  unknownScopes(scopes: readonly string[]): string[] {
    return [...new Set(scopes.filter((scope) => !this.knows(scope)))];
  }

  /** The operations any one of these scopes grants, in catalogue order. */
  grantedBy(scopes: readonly string[]): ApiOperation[] {
    const wanted = new Set(scopes);
    return this.operations.filter((operation) => operation.scopes.some((scope) => wanted.has(scope)));
  }
}
