// How lists of other people's tokens name an owner. Its own module: the commands and the token rows share it without
// pulling the token rows' presentation into what activation loads.
import type { TokenOwner } from '../../core/model';
import { stripUnsafeCharacters } from '../../core/displayText';

/** The owner's name, or the id when the tenant gave none. */
export function ownerName(owner: TokenOwner): string {
  return stripUnsafeCharacters(owner.name ?? owner.id);
}
