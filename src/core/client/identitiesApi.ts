// core/client: GET /identities/v1 for token owners: `filters=id in (...)` in batches, each answered in one page.
import { sendAuthorized, type TokenSource } from './authorized';
import { PatError } from '../errors';
import { type HttpClient, parseJsonBody } from './http';
import { type Logger, silentLogger } from '../ports';
import { t } from '../l10n';

/** What the extension reads of an IdentityDto; missing fields are null. */
export interface IdentityRecord {
  id: string;
  identityStatus: string | null;
  lifecycleState: string | null;
}

/** Ids per request: within the API's `limit` maximum of 250, and a URL (about 40 characters an id) far below 8 KB. */
export const IDENTITY_BATCH_SIZE = 100;

export interface IdentitiesApiOptions {
  baseUrl: string;
  http: HttpClient;
  auth: TokenSource;
  logger?: Logger;
}

/** An id inside a filter string literal: quotes and backslashes escaped. */
function quoted(id: string): string {
  return `"${id.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

function parseIdentity(value: unknown): IdentityRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string') return undefined;
  const lifecycle = record.lifecycleState as { stateName?: unknown } | null | undefined;
  return {
    id: record.id,
    identityStatus: typeof record.identityStatus === 'string' ? record.identityStatus : null,
    lifecycleState: typeof lifecycle?.stateName === 'string' ? lifecycle.stateName : null,
  };
}

export class IdentitiesApi {
  private readonly url: string;
  private readonly logger: Logger;

  constructor(private readonly options: IdentitiesApiOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/identities/v1`;
    this.logger = options.logger ?? silentLogger;
  }

  /** The identities among `ids` that the tenant knows; one request per batch of IDENTITY_BATCH_SIZE ids. */
  async findByIds(ids: readonly string[], signal?: AbortSignal): Promise<IdentityRecord[]> {
    const unique = [...new Set(ids)];
    const found: IdentityRecord[] = [];
    for (let start = 0; start < unique.length; start += IDENTITY_BATCH_SIZE) {
      found.push(...(await this.batch(unique.slice(start, start + IDENTITY_BATCH_SIZE), signal)));
    }
    return found;
  }

  private async batch(ids: readonly string[], signal?: AbortSignal): Promise<IdentityRecord[]> {
    const description = t('Looking up token owners');
    // defaultFilter=NONE: the default leaves out uncorrelated identities, which would then look deleted.
    const query = new URLSearchParams({ filters: `id in (${ids.map(quoted).join(',')})`, limit: String(ids.length), defaultFilter: 'NONE' });
    const url = `${this.url}?${query.toString().replace(/\+/g, '%20')}`;
    const response = await sendAuthorized(this.options.http, this.options.auth, { method: 'GET', url, signal, description }, (message) =>
      this.logger.debug(message),
    );
    const body = parseJsonBody(response, description);
    if (!Array.isArray(body)) throw new PatError('bad-response', t('{0} failed: the server did not send a list.', description), { status: response.status });
    return body.map(parseIdentity).filter((each): each is IdentityRecord => each !== undefined && ids.includes(each.id));
  }
}
