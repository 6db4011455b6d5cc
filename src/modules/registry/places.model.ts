// Vocabulary of places (场所) and assets (部件), shared by the API, the sheets and the web: stable
// English keys in the database, the Chinese words offices use as labels.
import { ASSET_CATEGORIES } from './checks.ts';

export const PLACE_KINDS = {
  shop: '商铺',
  restaurant: '餐饮',
  enterprise: '企业',
  school: '学校',
  hospital: '医院',
  clinic: '诊所',
  hotel: '宾馆',
  market: '市场',
  agency: '机关',
  religious: '宗教场所',
  entertainment: '娱乐场所',
  other: '其他',
} as const;
export type PlaceKind = keyof typeof PLACE_KINDS;

export const PLACE_STATUSES = { normal: '正常', closed: '停业' } as const;
export type PlaceStatus = keyof typeof PLACE_STATUSES;

export const ASSET_STATUSES = { normal: '完好', damaged: '损坏', lost: '丢失', removed: '已拆除' } as const;
export type AssetStatus = keyof typeof ASSET_STATUSES;

export { ASSET_CATEGORIES };

/** Places and organizations may sit in a grid or micro-grid; assets are located down to a community. */
export const PLACE_LEVELS = [5, 6] as const;
export const ASSET_LEVELS = [4, 5, 6] as const;

/** A key of `map` from its key or its Chinese label (imports carry labels, the API keys). */
export function keyOf<M extends Record<string, string>>(map: M, text: string): keyof M | null {
  const t = text.trim();
  if (t in map) return t as keyof M;
  for (const [k, label] of Object.entries(map)) if (label === t) return k as keyof M;
  return null;
}

/** What creating or updating a place needs; `regionId` or `lng`/`lat` say where it is. */
export interface PlaceInput {
  regionId?: number | null;
  name: string;
  kind: PlaceKind;
  address?: string;
  creditCode?: string | null;
  contactName?: string | null;
  contactMobile?: string | null;
  employees?: number | null;
  buildingId?: number | null;
  lng?: number | null;
  lat?: number | null;
  status?: PlaceStatus;
}

/** An asset: the code is generated when absent; the point decides the region. */
export interface AssetInput {
  code?: string | null;
  category: string;
  subcategory: string;
  name: string;
  lng: number;
  lat: number;
  address?: string;
  departmentId?: number | null;
  status?: AssetStatus;
  attributes?: Record<string, unknown>;
}
