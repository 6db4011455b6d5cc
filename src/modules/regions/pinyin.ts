// Pinyin search keys: people type 'jssq' or 'jinshan' for 金山社区.
import { pinyin } from 'pinyin-pro';

export function pinyinKeys(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
  const clean = (parts: string[]) => parts.join('').toLowerCase().replace(/\s+/g, '');
  return { full: clean(syllables), initials: clean(initials) };
}
