// What the workforce module's parts share: typed errors and scoped loading (a row outside the
// caller's scope answers SCOPE_DENIED, not "not found").
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { WORKFORCE_ENTITIES, type WorkforceEntity } from './workforce.model.ts';

export const workforceNotFound = (entity: WorkforceEntity) => new AppError('WORKFORCE_NOT_FOUND', { entity: WORKFORCE_ENTITIES[entity] });
export const workforceInvalid = (field: Bilingual, reason: Bilingual) => new AppError('WORKFORCE_FIELD_INVALID', { field, reason });
export const workforceArchived = (entity: WorkforceEntity) => new AppError('WORKFORCE_ARCHIVED', { entity: WORKFORCE_ENTITIES[entity] });
export const workforceConflict = () => new AppError('WORKFORCE_VERSION_CONFLICT');

export async function loadWorkforceScoped<T>(entity: WorkforceEntity, find: () => Promise<T | undefined | null>, existsAnywhere: () => Promise<boolean>): Promise<T> {
  const row = await find();
  if (row) return row;
  throw (await existsAnywhere()) ? new AppError('SCOPE_DENIED') : workforceNotFound(entity);
}
