// The catalogue is some 100 KB of data: it is read on first use (a scope pick, a token's tooltip, a code scan), never
// at activation; its code comes with it, so the tree, which only asks for it on hover, carries neither.
import { loadOnce } from '../lazyLoad';

export const loadScopeCatalogue = loadOnce(async () => (await import('./scopeCatalogue.js')).buildScopeCatalogue());
