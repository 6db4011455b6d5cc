// The demo uses the regions module's code builders: one definition of the coding rules.
export {
  GRID_OBJECT_CODES, cityCode, districtCode, streetCode, communityCode, gridCode, microGridCode, codeLevel, parentCodeOf, type GridKind,
} from '../modules/regions/codes.ts';
