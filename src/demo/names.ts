// Chinese names for the demo: place names from two plausible syllables (金山, 河口, 新塘 …),
// person names from common surnames, and mainland mobile numbers. All draws come from the Rng.
import type { Rng } from './random.js';

const PLACE_FIRST = [...'金银石云河东西南北新大小高平安富罗青白黄龙凤桂榕竹梅松永太长宝德华兴福和泰双古清明连水江湖沙围塘岗田林横洞上下中前后'];
const PLACE_SECOND = [...'山岭岗坑口塘湖江河溪田围洲城坪洞冲湾头岩林源丰安平兴华乐和龙宁盛富南东阳桥埔坡岸屯'];

/** Hands out two-syllable place names, never the same one twice from one pool. */
export class PlaceNames {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng, reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }

  next(): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const a = this.rng.pick(PLACE_FIRST);
      const b = this.rng.pick(PLACE_SECOND);
      const name = a + b;
      if (a === b || this.used.has(name)) continue;
      this.used.add(name);
      return name;
    }
    // The pool holds ~3,000 names; a district never needs more than a few hundred.
    throw new Error('place-name pool exhausted');
  }
}

const OFFICE_NAMES = ['国贸', '金融', '财富', '时代', '环球', '中天', '世纪', '银河', '鸿福', '星汇', '嘉和', '天誉', '恒盛', '金鼎', '宏达', '远洋', '新城', '汇金'];
const STREET_NAMES = ['人民路', '中山路', '建设路', '解放路', '新华路', '兴云路', '文化广场', '步行街', '东门', '西江路', '府前路', '站前路'];
const PARK_NAMES = ['石材', '不锈钢', '电子信息', '新材料', '生物医药', '食品', '智能装备', '物流', '氢能', '农产品加工', '硫化工', '南药'];
const DEDICATED_URBAN = ['中学', '小学', '实验学校', '医院', '社区卫生服务中心', '职业技术学校', '幼儿园'];
const DEDICATED_RURAL = ['小学', '中心小学', '卫生院', '中学'];

/** A distinct name for a non-numbered grid of one community, e.g. 国贸大厦网格, 石材产业园网格. */
export function specialGridName(rng: Rng, kind: string, communityShort: string, rural: boolean, taken: Set<string>): string {
  const make = (): string => {
    switch (kind) {
      case 'officeBuilding': return `${rng.pick(OFFICE_NAMES)}大厦网格`;
      case 'businessDistrict': return `${rng.pick(STREET_NAMES)}商圈网格`;
      case 'industrialPark': return `${rng.pick(PARK_NAMES)}产业园网格`;
      default: return `${communityShort}${rng.pick(rural ? DEDICATED_RURAL : DEDICATED_URBAN)}网格`;
    }
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = make();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const base = make().replace(/网格$/, '');
  for (let i = 2; ; i++) {
    const name = `${base}${i}号网格`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢钟谭陆范廖莫邱黎严覃冼区'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文玉兰海燕鹏辉晓婷宇浩俊雪梅丹凤春振嘉欣颖思怡子豪锦荣永坚瑞'];

export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

// Number segments of the three mainland carriers (1[3-9]x).
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '176', '177', '180', '186', '187', '188', '189', '191', '198', '199'];

/** Hands out unique 11-digit mainland mobile numbers. */
export class Mobiles {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      const number = rng8(this.rng, MOBILE_PREFIXES);
      if (!this.used.has(number)) {
        this.used.add(number);
        return number;
      }
    }
  }
}

function rng8(rng: Rng, prefixes: readonly string[]): string {
  return rng.pick(prefixes) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
