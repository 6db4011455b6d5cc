// What the party module's parts share: typed errors, and loading a row through a scoped finder
// (a row outside the caller's scope answers SCOPE_DENIED, not "not found").
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { PARTY_ENTITIES, type PartyEntity } from './party.model.ts';

export const partyNotFound = (entity: PartyEntity) => new AppError('PARTY_NOT_FOUND', { entity: PARTY_ENTITIES[entity] });
export const partyInvalid = (field: Bilingual, reason: Bilingual) => new AppError('PARTY_FIELD_INVALID', { field, reason });
export const partyArchived = (entity: PartyEntity) => new AppError('PARTY_ARCHIVED', { entity: PARTY_ENTITIES[entity] });
export const partyConflict = () => new AppError('PARTY_VERSION_CONFLICT');

export async function loadPartyScoped<T>(entity: PartyEntity, find: () => Promise<T | undefined | null>, existsAnywhere: () => Promise<boolean>): Promise<T> {
  const row = await find();
  if (row) return row;
  throw (await existsAnywhere()) ? new AppError('SCOPE_DENIED') : partyNotFound(entity);
}
