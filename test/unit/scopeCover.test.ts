import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scopeAccess } from '../../src/core/scopes/access';
import { minimalScopeCover } from '../../src/core/scopes/cover';

const UNIVERSE = ['a:x:read', 'a:x:manage', 'b:y:read', 'b:y:manage', 'c:z:list', 'c:z:write', 'sp:scopes:all'];

/** Every subset of the universe that covers all requirements, best first by (size, non-read count, names). */
function bruteForceBest(requirements: readonly string[][], breadth: (scope: string) => number): string[] {
  let best: string[] | undefined;
  const key = (set: string[]): [number, number, number, number, string] => [
    set.length,
    set.filter((scope) => scopeAccess(scope) !== 'read').length,
    set.reduce((sum, scope) => sum + breadth(scope), 0),
    set.filter((scope) => /:all-/.test(scope)).length,
    set.join('\n'),
  ];
  const better = (a: string[], b: string[]): boolean => {
    const [ka, kb] = [key(a), key(b)];
    for (let index = 0; index < ka.length; index++) if (ka[index] !== kb[index]) return ka[index] < kb[index];
    return false;
  };
  // sp:scopes:all is a candidate only where an operation lists nothing else.
  const usable = requirements.map((scopes) => (scopes.some((scope) => scope !== 'sp:scopes:all') ? scopes.filter((s) => s !== 'sp:scopes:all') : scopes));
  for (let mask = 0; mask < 1 << UNIVERSE.length; mask++) {
    const set = UNIVERSE.filter((_, index) => (mask & (1 << index)) !== 0).sort();
    if (!usable.every((scopes) => scopes.length === 0 || scopes.some((scope) => set.includes(scope)))) continue;
    if (best === undefined || better(set, best)) best = set;
  }
  return best ?? [];
}

describe('minimalScopeCover', () => {
  it('takes the one scope two operations share instead of one scope each', () => {
    const cover = minimalScopeCover([
      ['a:x:read', 'b:y:read'],
      ['b:y:read', 'c:z:list'],
    ]);
    assert.deepEqual(cover.scopes, ['b:y:read']);
    assert.equal(cover.optimal, true);
  });

  it('prefers a read scope over a manage scope when both serve', () => {
    assert.deepEqual(minimalScopeCover([['a:x:manage', 'a:x:read']]).scopes, ['a:x:read']);
  });

  it('still takes the manage scope when one scope covers what two read scopes would', () => {
    const cover = minimalScopeCover([['a:x:read', 'a:x:manage'], ['a:x:manage'], ['a:x:manage', 'b:y:read']]);
    assert.deepEqual(cover.scopes, ['a:x:manage']);
  });

  it('proposes sp:scopes:all only for an operation that lists nothing else', () => {
    assert.deepEqual(minimalScopeCover([['sp:scopes:all', 'a:x:manage']]).scopes, ['a:x:manage']);
    assert.deepEqual(minimalScopeCover([['sp:scopes:all']]).scopes, ['sp:scopes:all']);
  });

  it('reports the operations that name no scope and covers the rest', () => {
    const cover = minimalScopeCover([['a:x:read'], [], ['b:y:read']]);
    assert.deepEqual(cover.uncoverable, [1]);
    assert.deepEqual(cover.scopes, ['a:x:read', 'b:y:read']);
  });

  it('breaks a tie in favour of the scopes that grant fewer operations, then of my- over all-', () => {
    const breadth = (scope: string): number => (scope === 'a:x:read' ? 10 : 2);
    assert.deepEqual(minimalScopeCover([['a:x:read', 'b:y:read']], breadth).scopes, ['b:y:read']);
    const pats = ['sp:all-personal-access-tokens:manage', 'sp:my-personal-access-tokens:manage'];
    assert.deepEqual(minimalScopeCover([pats]).scopes, ['sp:my-personal-access-tokens:manage']);
  });

  it('gives the same answer whatever the order of operations and of their scopes', () => {
    const requirements = [['c:z:list', 'a:x:read'], ['b:y:manage', 'a:x:manage'], ['b:y:read', 'c:z:list']];
    const expected = minimalScopeCover(requirements).scopes;
    const shuffled = [...requirements].reverse().map((scopes) => [...scopes].reverse());
    assert.deepEqual(minimalScopeCover(shuffled).scopes, expected);
  });

  it('is optimal on every small case, as brute force over all subsets finds (property test)', () => {
    const requirement = fc.uniqueArray(fc.constantFrom(...UNIVERSE), { minLength: 0, maxLength: 4 });
    const breadths = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: UNIVERSE.length, maxLength: UNIVERSE.length });
    fc.assert(
      fc.property(fc.array(requirement, { minLength: 1, maxLength: 8 }), breadths, (requirements, weights) => {
        const breadth = (scope: string): number => weights[UNIVERSE.indexOf(scope)];
        const cover = minimalScopeCover(requirements, breadth);
        assert.deepEqual(cover.scopes, bruteForceBest(requirements, breadth));
        assert.equal(cover.optimal, true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives up searching past its step limit with a valid cover, and says it may not be minimal', () => {
    // 12 operations over 24 scopes, each accepting three: large enough that a limit of 5 steps stops the search.
    const scopes = Array.from({ length: 24 }, (_, index) => `s:${index}:read`);
    const requirements = Array.from({ length: 12 }, (_, index) => [scopes[index], scopes[(index * 5 + 7) % 24], scopes[(index * 7 + 3) % 24]]);
    const cover = minimalScopeCover(requirements, () => 0, 5);
    assert.equal(cover.optimal, false);
    for (const requirement of requirements) assert.ok(requirement.some((scope) => cover.scopes.includes(scope)), requirement.join());
  });
});
