import { t } from './l10n';
// Where credentials may be sent: what the user typed as a tenant, checked and normalised to an API base URL.

export type TenantUrlResult = { ok: true; baseUrl: string; tenantName: string | null } | { ok: false; reason: string };

interface SailPointDomain {
  /** Host suffix of the web UI, after the tenant label. */
  ui: string;
  /** Host suffix of the API, after the tenant label. */
  api: string;
}

const SAILPOINT_DOMAINS: readonly SailPointDomain[] = [
  { ui: 'identitynow.com', api: 'api.identitynow.com' },
  { ui: 'identitynow-demo.com', api: 'api.identitynow-demo.com' },
  { ui: 'identitysoon.com', api: 'api.cloud.sailpoint.com' },
];

const PAT_PAGE_PATH = '/ui/d/user-preferences/personal-access-tokens';
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_HOST_LENGTH = 253;
const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):/i;
/** Authority as typed: a host name or bracketed IPv6 literal, then an optional port. Anything else is refused before URL parsing can reinterpret it. */
const AUTHORITY = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function fail(reason: string): TenantUrlResult {
  return { ok: false, reason };
}

/** Whether a URL's hostname (as `URL.hostname` gives it) names this computer: the only place plain http may go. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || (IPV4.test(hostname) && hostname.startsWith('127.'));
}

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || IPV4.test(hostname);
}

/** The reason a host name is not a valid DNS name, or undefined. */
function hostNameProblem(hostname: string): string | undefined {
  const bad = hostname.split('.').find((label) => !DNS_LABEL.test(label));
  if (bad === '') {
    return t('The host name has an empty part (two dots in a row, or a dot at the start or end).');
  }
  if (bad !== undefined) {
    return t('"{0}" is not a valid host name part: use 1 to 63 letters, digits or inner hyphens.', bad.slice(0, 70));
  }
  return hostname.length > MAX_HOST_LENGTH ? t('The host name is too long (at most {0} characters).', MAX_HOST_LENGTH) : undefined;
}

/** Splits a SailPoint host into its tenant and domain; undefined for any other host. */
function matchSailPointHost(hostname: string): { tenant: string; domain: SailPointDomain; isApi: boolean } | undefined {
  const dot = hostname.indexOf('.');
  const tenant = hostname.slice(0, dot);
  const rest = hostname.slice(dot + 1);
  if (dot <= 0 || !DNS_LABEL.test(tenant)) {
    return undefined;
  }
  for (const domain of SAILPOINT_DOMAINS) {
    if (rest === domain.api || rest === domain.ui) {
      return { tenant, domain, isApi: rest === domain.api };
    }
  }
  return undefined;
}

function sailPointApiUrl(tenant: string, domain: SailPointDomain): TenantUrlResult {
  return { ok: true, baseUrl: `https://${tenant}.${domain.api}`, tenantName: tenant };
}

/** The path as typed, kept for a custom API base URL without trailing slashes; undefined when it is not plain segments. */
function plainPath(rawPath: string): string | undefined {
  const segments = rawPath.replace(/\/+$/, '').split('/').slice(1);
  const plain = segments.every((segment) => PATH_SEGMENT.test(segment) && segment !== '.' && segment !== '..');
  return plain ? segments.map((segment) => `/${segment}`).join('') : undefined;
}

function rawProblem(text: string): string | undefined {
  if (text === '') {
    return t('Enter a tenant name (like acme) or its API URL.');
  }
  if (/[\s\p{Cc}]/u.test(text)) {
    return t('The tenant URL must not contain spaces, line breaks or control characters.');
  }
  if (text.includes('\\')) {
    return t('The tenant URL must not contain backslashes.');
  }
  if (text.includes('?') || text.includes('#')) {
    return t('The tenant URL must not contain a query (?…) or fragment (#…).');
  }
  return undefined;
}

/** Splits what the user typed into scheme (if given) and the rest, or explains why it cannot be a tenant. */
function splitScheme(text: string): { scheme: 'https' | 'http' | undefined; rest: string } | { reason: string } {
  const separator = text.indexOf('://');
  if (separator >= 0) {
    const scheme = text.slice(0, separator).toLowerCase();
    if (scheme !== 'https' && scheme !== 'http') {
      return { reason: t('Only https:// URLs are accepted, not {0}:.', scheme.slice(0, 20)) };
    }
    return { scheme, rest: text.slice(separator + 3) };
  }
  const prefix = SCHEME_PREFIX.exec(text);
  if (prefix && !prefix[1].includes('.') && !/^\d/.test(text.slice(prefix[0].length))) {
    return { reason: t('Only https:// URLs are accepted, not {0}:.', prefix[1].slice(0, 20).toLowerCase()) };
  }
  return { scheme: undefined, rest: text };
}

/**
 * Turns what the user typed into the API base URL credentials may be sent to. A bare name or a SailPoint host maps to
 * the SailPoint API host; any other host must be given as a full https:// URL, so a typo never sends credentials abroad.
 */
export function normalizeTenantUrl(input: string): TenantUrlResult {
  const text = input.trim();
  const problem = rawProblem(text);
  if (problem !== undefined) {
    return fail(problem);
  }
  const split = splitScheme(text);
  if ('reason' in split) {
    return fail(split.reason);
  }
  const authority = split.rest.split('/', 1)[0];
  // Checked as typed, because URL parsing resolves dot segments and percent escapes.
  const rawPath = split.rest.slice(authority.length);
  if (authority.includes('@')) {
    return fail(t('The tenant URL must not contain a user name or password (nothing before an @).'));
  }
  if (!AUTHORITY.test(authority)) {
    return fail(t('The host name may only contain letters, digits, hyphens and dots (use the xn-- form for international names).'));
  }
  let url: URL;
  try {
    url = new URL(`${split.scheme ?? 'https'}://${split.rest}`);
  } catch {
    return fail(t('This is not a valid URL.'));
  }
  return classifyHost(url, rawPath, split.scheme !== undefined);
}

function classifyHost(url: URL, rawPath: string, explicitScheme: boolean): TenantUrlResult {
  const hostname = url.hostname;
  if (isLoopback(hostname) && !explicitScheme) {
    return fail(t('For a local server, enter the full URL, e.g. http://127.0.0.1:8080.'));
  }
  // A local development server speaks plain http; an https IP literal is no real tenant, so it is refused.
  if (isLoopback(hostname) && !(url.protocol === 'https:' && isIpLiteral(hostname))) {
    const path = plainPath(rawPath);
    return path === undefined ? fail(t('The URL path may only contain plain segments.')) : { ok: true, baseUrl: `${url.protocol}//${url.host}${path}`, tenantName: null };
  }
  if (isIpLiteral(hostname)) {
    return fail(t('IP addresses are not accepted (except loopback for local development): use the tenant host name.'));
  }
  if (url.protocol !== 'https:') {
    return fail(t('Only https:// URLs are accepted (plain http is allowed only for localhost).'));
  }
  const nameProblem = hostNameProblem(hostname);
  if (nameProblem !== undefined) {
    return fail(nameProblem);
  }
  return classifyDnsHost(url, rawPath, explicitScheme);
}

function classifyDnsHost(url: URL, rawPath: string, explicitScheme: boolean): TenantUrlResult {
  const hostname = url.hostname;
  const sailPoint = matchSailPointHost(hostname);
  if (sailPoint) {
    // SailPoint's own hosts serve the API at the root, so a pasted page or /v3 path is dropped.
    return url.port === '' ? sailPointApiUrl(sailPoint.tenant, sailPoint.domain) : fail(t('SailPoint tenant hosts do not take a port number.'));
  }
  if (!explicitScheme) {
    if (!hostname.includes('.') && url.port === '' && (rawPath === '' || rawPath === '/')) {
      return sailPointApiUrl(hostname, SAILPOINT_DOMAINS[0]);
    }
    return fail(
      t("The host {0} is not a SailPoint host. If it really is your tenant's API, enter its full URL starting with https://.", hostname.slice(0, 80)),
    );
  }
  if (!hostname.includes('.')) {
    return fail(t('Enter a full host name (with a domain), or just the tenant name without https://.'));
  }
  const path = plainPath(rawPath);
  if (path === undefined) {
    return fail(t('The URL path may only contain plain segments (letters, digits, . _ ~ -).'));
  }
  return { ok: true, baseUrl: `https://${url.host}${path}`, tenantName: null };
}

/** The tenant's web-UI page for personal access tokens; null for custom or local hosts. */
export function webUiPatPageUrl(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  const sailPoint = url.protocol === 'https:' && url.port === '' ? matchSailPointHost(url.hostname) : undefined;
  if (!sailPoint?.isApi) {
    return null;
  }
  return `https://${sailPoint.tenant}.${sailPoint.domain.ui}${PAT_PAGE_PATH}`;
}
