// The SailPoint CLI's configuration (~/.sailpoint/config.yaml): its `environments` name each tenant and give its
// `baseurl` (API) and `tenanturl` (web UI). The CLI keeps secrets in the OS keyring, which is not read here.
import { parse } from 'yaml';
import { PatError } from '../errors';
import type { Tenant } from '../model';
import { normalizeTenantUrl } from '../tenantUrl';
import { stripUnsafeCharacters } from '../validation';
import { t } from '../l10n';

export interface CliEnvironment {
  /** The environment's name in the CLI, used as the tenant's display name. */
  name: string;
  /** The API base URL credentials may be sent to, normalised as Add Tenant does. */
  baseUrl: string;
}

export interface CliEnvironments {
  usable: CliEnvironment[];
  /** Environments that name no acceptable URL, with the reason (shown, never imported). */
  skipped: { name: string; reason: string }[];
}

/** Names and URLs are file text: cut and stripped of control characters before they are shown anywhere. */
function shown(text: string, max = 80): string {
  return stripUnsafeCharacters(text).slice(0, max);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function malformed(file: string, why: string): PatError {
  return new PatError('invalid-input', t('{0} is not a SailPoint CLI configuration this extension can read: {1}', file, why));
}

function parseYaml(text: string, file: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw malformed(file, t('it is not valid YAML{0}.', where === undefined ? '' : ` (line ${where})`));
  }
}

function environmentOf(name: string, value: unknown): CliEnvironment | { name: string; reason: string } {
  const fields = asRecord(value);
  // Viper, which the CLI uses, writes lower-case keys; either URL will do, the API one preferred.
  const url = [fields?.baseurl, fields?.tenanturl].find((each): each is string => typeof each === 'string' && each.trim() !== '');
  if (url === undefined) return { name: shown(name), reason: t('it has neither baseurl nor tenanturl') };
  const normalized = normalizeTenantUrl(url);
  return normalized.ok ? { name: shown(name, 120).trim() || normalized.baseUrl, baseUrl: normalized.baseUrl } : { name: shown(name), reason: normalized.reason };
}

/** The environments of the file's text; throws PatError('invalid-input') for text that is no such configuration. */
export function parseCliConfig(text: string, file: string): CliEnvironments {
  const config = asRecord(parseYaml(text, file));
  const environments = asRecord(config?.environments);
  if (environments === undefined || Object.keys(environments).length === 0) {
    throw malformed(file, t('it lists no environments (set one up with "sail environment create").'));
  }
  const result: CliEnvironments = { usable: [], skipped: [] };
  for (const [name, value] of Object.entries(environments)) {
    const environment = environmentOf(name, value);
    if ('reason' in environment) result.skipped.push(environment);
    else result.usable.push(environment);
  }
  return result;
}

/** The environments whose API URL no tenant has yet, each URL once. */
export function notYetAdded(environments: readonly CliEnvironment[], tenants: readonly Tenant[]): CliEnvironment[] {
  const known = new Set(tenants.map((tenant) => tenant.baseUrl));
  const fresh: CliEnvironment[] = [];
  for (const environment of environments) {
    if (known.has(environment.baseUrl)) continue;
    known.add(environment.baseUrl);
    fresh.push(environment);
  }
  return fresh;
}
