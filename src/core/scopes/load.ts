// The catalogue is some 160 KB of data: it is read on first use (a scope pick, a token's tooltip), never at activation.
import { loadOnce } from '../lazyLoad';
import { ScopeCatalogue } from './catalogue';

export const loadScopeCatalogue = loadOnce(async () => new ScopeCatalogue((await import('./catalogueData.js')).CATALOGUE_DATA));
