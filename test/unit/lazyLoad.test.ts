import * as assert from 'node:assert/strict';
import { loadOnce } from '../../src/core/lazyLoad';

describe('loadOnce', () => {
  it('gives every caller the one load', async () => {
    let loads = 0;
    const load = loadOnce(() => Promise.resolve(++loads));
    const [first, second] = await Promise.all([load(), load()]);
    assert.equal(await load(), 1);
    assert.deepEqual([first, second, loads], [1, 1, 1]);
  });

  it('tries a failed load again on the next call', async () => {
    let loads = 0;
    const load = loadOnce(() => (++loads === 1 ? Promise.reject(new Error('chunk missing')) : Promise.resolve('loaded')));
    await assert.rejects(load(), /chunk missing/);
    assert.equal(await load(), 'loaded');
    assert.equal(loads, 2);
  });
});
