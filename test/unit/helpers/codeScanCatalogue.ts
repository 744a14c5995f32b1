// A small catalogue with the agreed ApiOperation fields (version, tag, exact path), modelled on SailPoint's specs,
// for the code-scan tests; the tests also run over the real catalogue once it carries those fields.
import type { ScanOperation } from '../../../src/core/codeScan/types';

type Row = [id: string, method: string, path: string, version: string, tag: string, scopes: string[]];

const ROWS: Row[] = [
  ['listSources', 'GET', '/v3/sources', 'v3', 'Sources', ['idn:sources:read', 'idn:sources:manage']],
  ['createSource', 'POST', '/v3/sources', 'v3', 'Sources', ['idn:sources:manage']],
  ['getSource', 'GET', '/v3/sources/{id}', 'v3', 'Sources', ['idn:sources:read', 'idn:sources:manage']],
  ['deleteSource', 'DELETE', '/v3/sources/{id}', 'v3', 'Sources', ['idn:sources:manage']],
  ['getSourceSchemas', 'GET', '/v3/sources/{sourceId}/schemas', 'v3', 'Sources', ['idn:sources:read', 'idn:sources:manage']],
  ['listAccounts', 'GET', '/v3/accounts', 'v3', 'Accounts', ['idn:accounts:read', 'idn:accounts:manage']],
  ['searchPost', 'POST', '/v3/search', 'v3', 'Search', ['sp:search:read']],
  ['listPersonalAccessTokens', 'GET', '/v3/personal-access-tokens', 'v3', 'Personal Access Tokens', ['sp:my-personal-access-tokens:read', 'sp:all-personal-access-tokens:read', 'sp:scopes:all']],
  ['deletePersonalAccessToken', 'DELETE', '/v3/personal-access-tokens/{id}', 'v3', 'Personal Access Tokens', ['sp:my-personal-access-tokens:manage', 'sp:all-personal-access-tokens:manage']],
  ['listSources', 'GET', '/beta/sources', 'beta', 'Sources', ['idn:sources:read', 'idn:sources:manage']],
  ['getOrgConfig', 'GET', '/beta/org-config', 'beta', 'Org Config', ['sp:scopes:all']],
  ['getSourceHealth', 'GET', '/v2025/sources/{sourceId}/source-health', 'v2025', 'Sources', ['idn:sources:read']],
  ['listWorkflows', 'GET', '/v2025/workflows', 'v2025', 'Workflows', ['sp:workflow:read', 'sp:workflow:manage']],
  ['testWorkflow', 'POST', '/v2025/workflows/{id}/test', 'v2025', 'Workflows', ['sp:workflow:execute', 'sp:workflow:manage']],
  ['listIdentities', 'GET', '/v2024/identities', 'v2024', 'Identities', ['idn:identity:read']],
  ['listSodPolicies', 'GET', '/v2026/sod-policies', 'v2026', 'SOD Policies', ['idn:sod-policy:read', 'idn:sod-policy:manage']],
  ['listPersonalAccessTokensV1', 'GET', '/personal-access-tokens/v1', 'v1', 'Personal Access Tokens', ['sp:my-personal-access-tokens:read', 'sp:all-personal-access-tokens:read']],
  ['createPersonalAccessTokenV1', 'POST', '/personal-access-tokens/v1', 'v1', 'Personal Access Tokens', ['sp:my-personal-access-tokens:manage']],
  ['getSourceV1', 'GET', '/sources/v1/{id}', 'v1', 'Sources', ['idn:sources:read']],
];

export const TEST_OPERATIONS: ScanOperation[] = ROWS.map(([id, method, path, version, tag, scopes]) => ({ id, method, path, version, tag, scopes }));
