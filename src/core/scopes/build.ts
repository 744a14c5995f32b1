// The catalogue built from its data; reached only through load.ts's import(), so both stay out of the start-up bundle.
import { ScopeCatalogue } from './catalogue';
import { CATALOGUE_DATA } from './catalogueData';

export function buildScopeCatalogue(): ScopeCatalogue {
  return new ScopeCatalogue(CATALOGUE_DATA);
}
