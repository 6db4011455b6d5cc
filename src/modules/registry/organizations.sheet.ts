// The organization sheet (组织): kinds and subkinds by their Chinese labels, the owners'
// committee's estate by name, batch upsert by natural key (credit code, else kind + region + name)
// with batched lookups of regions and estates, and masked export pages.
import type { DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { findRegionsByCodes } from '../regions/index.ts';
import { ORG_KINDS, ORG_LEVELS, ORG_SUBKINDS, type OrganizationInput, type OrgKind } from './organizations.model.ts';
import * as repo from './organizations.repository.ts';
import { estateFits, normalizeOrg, orgColumns, orgFilters, orgMeasures, type OrgQuery } from './organizations.service.ts';
import { keyOf } from './places.model.ts';
import { CounterDeltas } from './registry.common.ts';
import type { EntitySheet, Parsed, RowProblem, SheetColumn, WriteOutcome } from './sheet.ts';
import { regionProblem, rejected, sheetQuery } from './sheet.helpers.ts';

const b = (zh: string, en: string): Bilingual => ({ zh, en });
const allSubkindLabels = [...new Set(Object.values(ORG_SUBKINDS).flatMap((m) => Object.values(m)))];

export const ORG_COLUMNS: SheetColumn[] = [
  { key: 'regionCode', header: '所在区域编码', headerEn: 'Region code', aliases: ['区域编码', '网格编码'], required: true, hint: b('街道、社区、网格或微网格编码', 'code of a street, community, grid or micro-grid'), example: '', width: 26 },
  { key: 'kind', header: '组织类型', headerEn: 'Kind', required: true, example: '群众团队', choices: Object.values(ORG_KINDS), width: 10 },
  { key: 'subkind', header: '细分类型', headerEn: 'Subkind', hint: b('群众团队必填：协商议事/调解法务/文体/互助/志愿服务；两新组织：非公企业/社会组织；驻区单位：机关/企业/学校/医院/其他', 'required for community teams'), example: '志愿服务', choices: allSubkindLabels, width: 10 },
  { key: 'name', header: '名称', headerEn: 'Name', aliases: ['组织名称'], required: true, example: '红马甲志愿队', width: 22 },
  { key: 'creditCode', header: '统一社会信用代码', headerEn: 'Credit code', example: '', width: 22 },
  { key: 'address', header: '地址', headerEn: 'Address', example: '', width: 24 },
  { key: 'leaderName', header: '负责人', headerEn: 'Leader', example: '张三', width: 10 },
  { key: 'contactMobile', header: '联系电话', headerEn: 'Contact mobile', example: '13912345678', width: 14 },
  { key: 'estate', header: '所属小区', headerEn: 'Estate', hint: b('业委会必填：小区名称', "owners' committees: the estate's name"), example: '', width: 16 },
  { key: 'description', header: '简介', headerEn: 'Description', example: '', width: 30 },
];

export type OrgRowInput = Omit<OrganizationInput, 'regionId'> & { regionCode: string; estateName: string | null };

export function parseOrgRow(cells: Record<string, string>): Parsed<OrgRowInput> {
  const problems: RowProblem[] = [];
  const cell = (k: string) => (cells[k] ?? '').trim();
  const kind = keyOf(ORG_KINDS, cell('kind'));
  if (!kind) problems.push({ column: 'kind', reason: b(`应为 ${Object.values(ORG_KINDS).join('、')} 之一`, `must be one of ${Object.keys(ORG_KINDS).join(', ')}`) });
  let subkind: string | null = cell('subkind') || null;
  if (kind && subkind) subkind = (keyOf(ORG_SUBKINDS[kind as OrgKind], subkind) as string | null) ?? subkind;
  const estateName = cell('estate') || null;
  const regionCode = cell('regionCode');
  if (!regionCode) problems.push({ column: 'regionCode', reason: b('不能为空', 'must not be empty') });
  // The estate is resolved by name in write(); a stand-in id lets the shared check see "given".
  const n = normalizeOrg({ regionId: 0, kind: (kind ?? 'newOrganization') as OrgKind, subkind, name: cell('name'), creditCode: cell('creditCode') || null, address: cell('address'), leaderName: cell('leaderName') || null, contactMobile: cell('contactMobile') || null, estateId: estateName ? -1 : null, description: cell('description') });
  if (!n.ok) for (const p of n.problems) if (!problems.some((q) => q.column === p.column)) problems.push({ ...p, column: p.column === 'estateId' ? 'estate' : p.column });
  if (problems.length || !n.ok) return { ok: false, problems };
  const { regionId: _r, ...rest } = n.value;
  return { ok: true, value: { ...rest, estateId: null, regionCode, estateName } };
}

const nameKey = (c: { kind: string; regionId: number; name: string }) => `${c.kind}\u0000${c.regionId}\u0000${c.name}`;

function sameAs(e: repo.OrgRow, c: repo.NewOrgRow): boolean {
  const fields = ['regionId', 'kind', 'subkind', 'name', 'creditCode', 'address', 'leaderName', 'estateId', 'description'] as const;
  return fields.every((f) => (e[f] ?? null) === (c[f] ?? null)) && (e.contactMobileHash ?? null) === (c.contactMobileHash ?? null);
}

export async function writeOrgs(tx: DbOrTx, ctx: RequestContext, sdbIn: ScopedDb, rows: OrgRowInput[]): Promise<WriteOutcome[]> {
  assertPermission(ctx, 'registry.write');
  const sdb = sdbIn.with(tx);
  const regions = new Map((await findRegionsByCodes(sdb, [...new Set(rows.map((r) => r.regionCode))])).map((r) => [r.code, r]));
  const estates = await repo.activeEstatesByNames(sdb, [...new Set(rows.flatMap((r) => (r.estateName ? [r.estateName] : [])))]);
  const out: WriteOutcome[] = new Array(rows.length);
  const cols: (repo.NewOrgRow | null)[] = rows.map((r, i) => {
    const region = regions.get(r.regionCode);
    const bad = regionProblem(region, r.regionCode, ORG_LEVELS);
    if (bad) return ((out[i] = rejected([bad])), null);
    let estateId: number | null = null;
    if (r.estateName) {
      const fits = estates.filter((e) => e.name === r.estateName && estateFits(e.regionPath, region!.path));
      if (fits.length !== 1) {
        out[i] = rejected([{ column: 'estate', reason: fits.length ? b(`小区名称 ${r.estateName} 不唯一`, `estate name ${r.estateName} is ambiguous`) : b(`该区域内没有小区 ${r.estateName}`, `no estate ${r.estateName} in that region`) }]);
        return null;
      }
      estateId = fits[0].id;
    }
    return orgColumns({ ...r, regionId: region!.id, estateId }, region!);
  });
  const live = cols.filter((c): c is repo.NewOrgRow => !!c);
  const existing = await repo.activeByKeys(tx, [...new Set(live.flatMap((c) => (c.creditCode ? [c.creditCode] : [])))], live.map((c) => ({ kind: c.kind, regionId: c.regionId, name: c.name })));
  const byCredit = new Map(existing.filter((e) => e.creditCode).map((e) => [e.creditCode!, e]));
  const byName = new Map(existing.map((e) => [nameKey(e), e]));
  const seen = new Set<number | string>();
  const inserts: { i: number; c: repo.NewOrgRow }[] = [];
  const counters = new CounterDeltas();
  for (let i = 0; i < rows.length; i++) {
    const c = cols[i];
    if (!c) continue;
    const e = (c.creditCode ? byCredit.get(c.creditCode) : undefined) ?? byName.get(nameKey(c));
    const key = e ? e.id : nameKey(c);
    if (seen.has(key) || (c.creditCode && seen.has(`c:${c.creditCode}`))) {
      out[i] = rejected([{ column: 'name', reason: b('与本批中前面的行重复', 'repeats an earlier row of this batch') }]);
      continue;
    }
    seen.add(key);
    if (c.creditCode) seen.add(`c:${c.creditCode}`);
    if (!e) {
      inserts.push({ i, c });
      continue;
    }
    if (!sdb.covers(e.regionPath)) {
      out[i] = rejected([{ column: 'name', reason: b('该组织已登记在您的管辖范围之外', 'this organization is registered outside your scope') }]);
      continue;
    }
    if (e.creditCode && c.creditCode && e.creditCode !== c.creditCode) {
      out[i] = rejected([{ column: 'creditCode', reason: b(`同名组织已登记信用代码 ${e.creditCode}`, `an organization of that name holds credit code ${e.creditCode}`) }]);
      continue;
    }
    if (c.contactMobileEnc && c.contactMobileHash === e.contactMobileHash) Object.assign(c, { contactMobileEnc: e.contactMobileEnc, contactMobileMasked: e.contactMobileMasked });
    // A leader chosen among the members (PUT /members) is not overwritten by the sheet's text.
    if (e.leaderResidentId) c.leaderName = e.leaderName;
    c.placeId = e.placeId; // not a sheet column: kept
    if (sameAs(e, c)) {
      out[i] = { outcome: 'unchanged' };
      continue;
    }
    await repo.updateOrg(tx, e.id, e.version, c);
    counters.change({ path: e.regionPath, measures: orgMeasures(e.kind) }, { path: c.regionPath, measures: orgMeasures(c.kind) });
    out[i] = { outcome: 'updated' };
  }
  await repo.insertOrgs(tx, inserts.map((x) => x.c));
  for (const { i, c } of inserts) {
    out[i] = { outcome: 'added' };
    counters.change(null, { path: c.regionPath, measures: orgMeasures(c.kind) });
  }
  await counters.flush(tx);
  return out;
}

async function exportPage(db: DbOrTx, ctx: RequestContext, filters: Record<string, unknown>, afterId: number, limit: number) {
  const sdb = scoped(db, ctx.actor.scope);
  const rows = await repo.pageAfter(sdb, await orgFilters(sdb, sheetQuery(filters) as OrgQuery), afterId, limit);
  return {
    rows: rows.map((r) => ({
      regionCode: r.regionCode,
      kind: ORG_KINDS[r.kind as OrgKind] ?? r.kind,
      subkind: r.subkind ? (ORG_SUBKINDS[r.kind as OrgKind]?.[r.subkind] ?? r.subkind) : '',
      name: r.name,
      creditCode: r.creditCode ?? '',
      address: r.address,
      leaderName: r.leaderName ?? '',
      contactMobile: r.contactMobileMasked ?? '',
      estate: r.estateName ?? '',
      description: r.description,
    })),
    lastId: rows.length ? rows[rows.length - 1].id : null,
  };
}

export const organizationSheet: EntitySheet<OrgRowInput> = {
  entity: 'organization',
  title: { zh: '组织', en: 'Organizations' },
  columns: ORG_COLUMNS,
  parse: parseOrgRow,
  write: writeOrgs,
  exportPage,
};
