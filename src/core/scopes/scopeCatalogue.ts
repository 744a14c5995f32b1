// The catalogue built from its data: the entry of its own chunk (dist/scopeCatalogue-*.js), reached only through
// load.ts's import(), so neither the data nor its decoder is in the start-up bundle.
import { ScopeCatalogue } from './catalogue';
import { CATALOGUE_DATA } from './catalogueData';
import { decodeCatalogue } from './compact';

export function buildScopeCatalogue(): ScopeCatalogue {
  return new ScopeCatalogue(decodeCatalogue(CATALOGUE_DATA), CATALOGUE_DATA.source);
}
