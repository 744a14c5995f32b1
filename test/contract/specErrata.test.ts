import * as assert from 'node:assert/strict';
import { applyErrata, compileSpec, KNOWN_SPEC_ERRATA, loadSpecValidator, loadUnmodifiedSpecs, newAjv, type SpecDocuments, type SpecValidator } from './spec';

const owner = { type: 'IDENTITY', id: '2c9180867b50d088017b554662fb281e', name: 'Ada Admin' };
const neverExpiringListItem = {
  id: 'ef38f94347e94562b5bb8424a56397d8',
  name: 'Break-glass',
  scope: null,
  owner,
  created: '2026-01-05T10:00:00.000Z',
  lastUsed: null,
  managed: false,
  accessTokenValiditySeconds: 43200,
  expirationDate: null,
};
const neverExpiringCreateResponse = {
  id: 'ef38f94347e94562b5bb8424a56397d8',
  secret: 'a'.repeat(64),
  scope: ['sp:scopes:default'],
  name: 'Break-glass',
  owner,
  created: '2026-01-05T10:00:00.000Z',
  accessTokenValiditySeconds: 43200,
  expirationDate: null,
  userAwareTokenNeverExpires: true,
};
const removeExpiryPatch = [
  { op: 'replace', path: '/expirationDate', value: null },
  { op: 'replace', path: '/userAwareTokenNeverExpires', value: true },
];

function schemaOf(documents: SpecDocuments, keys: string[]): Record<string, unknown> {
  let node: unknown = documents.v3.paths['/personal-access-tokens'].post;
  for (const key of keys) {
    node = (node as Record<string, unknown>)[key];
  }
  return node as Record<string, unknown>;
}

/** Evidence that an erratum is still real in the unmodified spec; each returns what the spec gets wrong. */
const PROOFS: Record<string, (unmodified: SpecValidator, documents: SpecDocuments) => string[]> = {
  'v3-expirationDate-nullable': (unmodified) =>
    unmodified.validateResponse('v3', 'GET', '/v3/personal-access-tokens', 200, [neverExpiringListItem]),
  'v1-create-response-expirationDate-nullable': (unmodified) =>
    unmodified.validateResponse('v1', 'POST', '/personal-access-tokens/v1', 200, neverExpiringCreateResponse),
  'v1-json-patch-value-null': (unmodified) =>
    unmodified.validateRequest('v1', 'PATCH', '/personal-access-tokens/v1/x', 'application/json-patch+json', removeExpiryPatch),
  'stray-items-and-non-date-default': (_unmodified, documents) => {
    const request = schemaOf(documents, ['requestBody', 'content', 'application/json', 'schema']);
    const problems: string[] = [];
    try {
      newAjv(true).compile(request);
    } catch (error) {
      problems.push(String(error));
    }
    const expiration = (request.properties as Record<string, Record<string, unknown>>).expirationDate;
    const items = expiration.items as Record<string, unknown>;
    if (Number.isNaN(Date.parse(String(items.default)))) {
      problems.push(`default '${String(items.default)}' is not a date-time`);
    }
    return problems;
  },
};

/** What the unmodified spec must still say for the erratum to be real (so an unrelated failure proves nothing). */
const EVIDENCE: Record<string, string> = {
  'v3-expirationDate-nullable': '/0/expirationDate must be string',
  'v1-create-response-expirationDate-nullable': '/expirationDate must be string',
  'v1-json-patch-value-null': '/0/value must match exactly one schema in oneOf',
  'stray-items-and-non-date-default': 'missing type "array" for keyword "items"',
};

describe('known errata of the published PAT spec', () => {
  let documents: SpecDocuments;
  let unmodified: SpecValidator;
  let corrected: SpecValidator;

  before(async () => {
    documents = await loadUnmodifiedSpecs();
    unmodified = compileSpec(documents, false);
    corrected = await loadSpecValidator();
  });

  it('has a proof for every erratum, and no proof without an erratum', () => {
    const ids = KNOWN_SPEC_ERRATA.map((erratum) => erratum.id).sort();
    assert.deepEqual(Object.keys(PROOFS).sort(), ids);
    assert.deepEqual(Object.keys(EVIDENCE).sort(), ids);
  });

  for (const erratum of KNOWN_SPEC_ERRATA) {
    it(`erratum '${erratum.id}' is still real in the unmodified spec`, () => {
      const evidence = PROOFS[erratum.id](unmodified, documents);
      assert.ok(
        evidence.some((problem) => problem.includes(EVIDENCE[erratum.id])),
        `the spec seems fixed; remove erratum '${erratum.id}' (${erratum.description}). Evidence: ${evidence.join('; ')}`,
      );
    });
  }

  it('accepts the real-world shapes once the errata are applied', () => {
    assert.deepEqual(corrected.validateResponse('v3', 'GET', '/v3/personal-access-tokens', 200, [neverExpiringListItem]), []);
    assert.deepEqual(corrected.validateResponse('v1', 'POST', '/personal-access-tokens/v1', 200, neverExpiringCreateResponse), []);
    assert.deepEqual(corrected.validateRequest('v1', 'PATCH', '/personal-access-tokens/v1/x', 'application/json-patch+json', removeExpiryPatch), []);
  });

  it('compiles every schema of the corrected spec in ajv strict mode', () => {
    const ajv = newAjv(true);
    for (const family of ['v3', 'v1'] as const) {
      for (const item of Object.values(applyErrata(documents)[family].paths)) {
        for (const operation of Object.values(item)) {
          for (const media of Object.values(operation.requestBody?.content ?? {})) {
            assert.doesNotThrow(() => ajv.compile(media.schema!));
          }
          for (const response of Object.values(operation.responses)) {
            for (const media of Object.values(response.content ?? {})) {
              assert.doesNotThrow(() => ajv.compile(media.schema!));
            }
          }
        }
      }
    }
  });

  it('still rejects what the spec forbids (the errata loosen nothing else)', () => {
    const { id: _id, ...withoutId } = neverExpiringListItem;
    assert.notDeepEqual(corrected.validateResponse('v3', 'GET', '/v3/personal-access-tokens', 200, [withoutId]), []);
    assert.notDeepEqual(corrected.validateResponse('v3', 'GET', '/v3/personal-access-tokens', 200, [{ ...neverExpiringListItem, expirationDate: 'soon' }]), []);
    assert.notDeepEqual(corrected.validateRequest('v3', 'POST', '/v3/personal-access-tokens', 'application/json', { name: 'x', accessTokenValiditySeconds: 43201 }), []);
    assert.notDeepEqual(corrected.validateRequest('v3', 'PATCH', '/v3/personal-access-tokens/x', 'application/json-patch+json', removeExpiryPatch), []);
    assert.notDeepEqual(corrected.validateRequest('v1', 'PATCH', '/personal-access-tokens/v1/x', 'application/json-patch+json', [{ op: 'rename', path: '/name', value: 'x' }]), []);
    assert.notDeepEqual(corrected.validateRequest('v1', 'PATCH', '/personal-access-tokens/v1/x', 'application/json', [{ op: 'replace', path: '/name', value: 'x' }]), []);
    assert.notDeepEqual(corrected.validateRequest('v3', 'GET', '/v3/personal-access-tokens?limit=250', undefined, ''), []);
  });

  it("needs no erratum for 401 and 429: the spec already documents ISC's non-ErrorResponseDto bodies", () => {
    for (const family of ['v3', 'v1'] as const) {
      const path = family === 'v3' ? '/v3/personal-access-tokens' : '/personal-access-tokens/v1';
      assert.deepEqual(unmodified.validateResponse(family, 'GET', path, 401, { error: 'JWT validation failed: JWT is expired' }), []);
      assert.deepEqual(unmodified.validateResponse(family, 'GET', path, 429, { message: ' Rate Limit Exceeded ' }), []);
      const item = documents[family].paths[family === 'v3' ? '/personal-access-tokens' : '/personal-access-tokens/v1'].get;
      const unauthorized = item.responses['401'].content!['application/json'].schema!;
      assert.equal((unauthorized.properties as Record<string, unknown>).trackingId, undefined, '401 is not an ErrorResponseDto');
    }
  });
});
