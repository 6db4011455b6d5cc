import { describe, expect, it } from 'vitest';
import { pgArrayLiteral } from './sql-array.ts';

describe('pgArrayLiteral', () => {
  it('passes plain elements through and quotes the rest', () => {
    expect(pgArrayLiteral(['abc', 'Zm9v+/==', '王伟', null, 'a b', '', 'x,y', '{t}', 'q"u', 'b\\s', 'null', 'NULL', 'nul', 'nulls'])).toBe(
      '{abc,Zm9v+/==,王伟,NULL,"a b","","x,y","{t}","q\\"u","b\\\\s","null","NULL",nul,nulls}',
    );
    expect(pgArrayLiteral([1, 2.5, null, true, false])).toBe('{1,2.5,NULL,t,f}');
    expect(pgArrayLiteral([])).toBe('{}');
  });
});
