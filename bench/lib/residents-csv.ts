// Synthetic residents for the registry benchmarks, written as the CSV an office would upload:
// households of 1–5 people (head first, members naming the head's ID number), valid GB 11643 ID
// numbers (unique by construction), mobiles for most adults, care-group tags for ~8%, spread over
// the demo city's micro-grids. Deterministic for a seed. Surnames follow a skewed distribution so
// the search benchmark has common (王, 李, 张 …) and rare (欧阳, 诸葛 …) ones.
import fs from 'node:fs';
import { idCheckDigit } from '../../src/modules/registry/checks.ts';
import { rng } from './util.ts';

export const COMMON_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const RARE_SURNAMES = ['欧阳', '诸葛', '司马', '上官', '东方', '皇甫', '慕容', '令狐', '公孙', '宇文'];
const MID_SURNAMES = ['梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余', '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方', '石', '姚', '谭', '廖', '邹', '熊', '金', '陆'];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美兰霞平刚桂英玉萍红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣悦晨雨婷雪琳佳怡嘉文博睿泽宏志';
const TAGS = ['独居老人', '空巢老人', '残疾人', '留守儿童', '低保户', '退役军人', '大病患者'];
const ROLES = ['配偶', '子女', '子女', '父母', '孙子女'];

export const CSV_HEADER = ['姓名', '民族', '证件号码', '手机号码', '人口类型', '所在网格编码', '户主证件号码', '与户主关系', '特殊人群', '是否候鸟'];

/** The k-th ID number: distinct k → distinct number (birth day and serial from k), valid check digit. */
export function idNumberOf(k: number): string {
  const day = (k * 7919) % 27000; // 1950-01-01 + day: up to 2023
  const d = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000);
  const seq = Math.floor(k / 27000) % 1000;
  const county = ['445302', '445321', '445322', '445381', '445303'][Math.floor(k / 27_000_000) % 5];
  const first17 = `${county}${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

export interface GeneratedCsv {
  file: string;
  rows: number;
  households: number;
  bytes: number;
}

/**
 * Writes `n` residents over `regionCodes` to `file`, grid after grid in the codes' order, as an
 * office's export is (sorted by grid), every grid getting its share.
 */
export function writeResidentsCsv(file: string, n: number, regionCodes: string[], seed = 1, firstK = 0): GeneratedCsv {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const surname = () => {
    const x = r();
    return x < 0.005 ? pick(RARE_SURNAMES) : x < 0.55 ? pick(COMMON_SURNAMES) : pick(MID_SURNAMES);
  };
  const given = () => GIVEN[Math.floor(r() * GIVEN.length)] + (r() < 0.7 ? GIVEN[Math.floor(r() * GIVEN.length)] : '');
  const fd = fs.openSync(file, 'w');
  let buf = CSV_HEADER.join(',') + '\n';
  let k = firstK;
  let rows = 0;
  let households = 0;
  let mobile = 0;
  while (rows < n) {
    const size = Math.min(n - rows, 1 + Math.floor(r() * r() * 5));
    const region = regionCodes[Math.min(regionCodes.length - 1, Math.floor((rows * regionCodes.length) / n))];
    const family = surname();
    const headId = idNumberOf(k);
    const type = r() < 0.18 ? '流动人口' : r() < 0.01 ? '境外人员' : '户籍人口';
    for (let i = 0; i < size; i++) {
      const id = idNumberOf(k++);
      const name = (i === 0 || r() < 0.6 ? family : surname()) + given();
      const mob = r() < 0.75 ? `1${3 + Math.floor(r() * 7)}${String(100_000_000 + mobile++).slice(-9)}` : '';
      const tag = r() < 0.08 ? pick(TAGS) : '';
      buf += `${name},${r() < 0.92 ? '汉族' : '壮族'},${id},${mob},${type === '境外人员' ? '户籍人口' : type},${region},${i === 0 ? '' : headId},${i === 0 ? '户主' : pick(ROLES)},${tag},${r() < 0.02 ? '是' : '否'}\n`;
      rows++;
    }
    households++;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { file, rows, households, bytes: fs.statSync(file).size };
}
