// core/client: GET /identities/v1 for token owners (`filters=id in (...)` in batches, each answered in one page) and
// for finding an identity by the start of its name (`filters=name sw "…"`).
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

/** An identity found by name, for a person to pick: what tells two of the same name apart. */
export interface IdentityMatch {
  id: string;
  name: string;
  email: string | null;
  alias: string | null;
}

/** The typed text is cut here: a name prefix longer than this narrows nothing. */
export const MAX_IDENTITY_SEARCH_LENGTH = 100;
/** Matches shown for one search; more typing narrows them. */
export const IDENTITY_SEARCH_LIMIT = 20;

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

/** Control, format (bidi) and separator characters: no name needs them, and they would hide what was searched. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;

/** `name sw "…"` for the typed text, one escaped literal (a quote or parenthesis cannot add a clause); undefined when blank. */
export function nameSearchFilter(text: string): string | undefined {
  const prefix = text.replace(INVISIBLE, '').trim().slice(0, MAX_IDENTITY_SEARCH_LENGTH);
  return prefix === '' ? undefined : `name sw ${quoted(prefix)}`;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function parseMatch(value: unknown): IdentityMatch | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string' || typeof record.name !== 'string') return undefined;
  return { id: record.id, name: record.name, email: textOrNull(record.emailAddress), alias: textOrNull(record.alias) };
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

  /** Identities whose name starts with `text` (the API's `sw` ignores case), sorted by name; blank text asks nothing. */
  async searchByName(text: string, signal?: AbortSignal): Promise<IdentityMatch[]> {
    const filters = nameSearchFilter(text);
    if (filters === undefined) return [];
    const description = t('Searching identities');
    const query = new URLSearchParams({ filters, sorters: 'name', limit: String(IDENTITY_SEARCH_LIMIT), defaultFilter: 'NONE' });
    const body = await this.getList(query, description, signal);
    return body.map(parseMatch).filter((each): each is IdentityMatch => each !== undefined);
  }

  private async getList(query: URLSearchParams, description: string, signal?: AbortSignal): Promise<unknown[]> {
    const url = `${this.url}?${query.toString().replace(/\+/g, '%20')}`;
    const response = await sendAuthorized(this.options.http, this.options.auth, { method: 'GET', url, signal, description }, (message) =>
      this.logger.debug(message),
    );
    const body = parseJsonBody(response, description);
    if (!Array.isArray(body)) throw new PatError('bad-response', t('{0} failed: the server did not send a list.', description), { status: response.status });
    return body as unknown[];
  }

  private async batch(ids: readonly string[], signal?: AbortSignal): Promise<IdentityRecord[]> {
    const description = t('Looking up token owners');
    // defaultFilter=NONE: the default leaves out uncorrelated identities, which would then look deleted.
    const query = new URLSearchParams({ filters: `id in (${ids.map(quoted).join(',')})`, limit: String(ids.length), defaultFilter: 'NONE' });
    const body = await this.getList(query, description, signal);
    return body.map(parseIdentity).filter((each): each is IdentityRecord => each !== undefined && ids.includes(each.id));
  }
}
