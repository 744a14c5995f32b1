// The scope catalogue: which scope grants which operation of SailPoint's APIs, as SailPoint's own specs say.
// The data is generated (catalogueData.ts) and loaded on first use only (load.ts); this is the plain-Node view of it.
/** One operation: [operationId, method, path, summary, indexes into scopes, indexes into userLevels]. */
export type OperationRow = [string, string, string, string, number[], number[]];

export interface CatalogueData {
  /** Where the specs came from, e.g. `sailpoint-oss/api-specs at commit …`. */
  source: string;
  scopes: string[];
  userLevels: string[];
  operations: OperationRow[];
}

export interface ApiOperation {
  /** The spec's operationId; empty where the spec gives none. */
  id: string;
  method: string;
  /** Read off the spec's file name: close to the URL path, not always equal to it. */
  path: string;
  summary: string;
  /** Any one of them grants the operation; empty where the spec names none. */
  scopes: readonly string[];
  userLevels: readonly string[];
}

export class ScopeCatalogue {
  readonly source: string;
  readonly operations: readonly ApiOperation[];
  private readonly byScope = new Map<string, ApiOperation[]>();

  constructor(data: CatalogueData) {
    this.source = data.source;
    this.operations = data.operations.map(([id, method, path, summary, scopes, levels]) => ({
      id,
      method,
      path,
      summary,
      scopes: scopes.map((index) => data.scopes[index]),
      userLevels: levels.map((index) => data.userLevels[index]),
    }));
    for (const scope of data.scopes) this.byScope.set(scope, []);
    for (const operation of this.operations) for (const scope of operation.scopes) this.byScope.get(scope)?.push(operation);
  }

  /** Every scope some operation names, sorted. */
  get scopes(): string[] {
    return [...this.byScope.keys()];
  }

  knows(scope: string): boolean {
    return this.byScope.has(scope);
  }

  /** The operations the scope grants on its own. */
  operationsOf(scope: string): readonly ApiOperation[] {
    return this.byScope.get(scope) ?? [];
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
