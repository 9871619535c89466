import { describe, expect, it } from 'vitest';
import { normalizePartyName } from '../../../lib/party';

describe('normalizePartyName', () => {
  it('makes bracket, width and space variants equal', () => {
    const a = normalizePartyName('某某食品（上海）有限公司');
    expect(a).toBe('某某食品(上海)有限公司');
    for (const v of ['某某食品(上海)有限公司 ', ' 某某食品 （上海） 有限公司。', '某某食品【上海】有限公司', '某某食品\u3000(上海)有限公司']) {
      expect(normalizePartyName(v)).toBe(a);
    }
  });
  it('folds full-width Latin letters and case', () => {
    expect(normalizePartyName('ＡＢＣ便利店')).toBe(normalizePartyName('abc便利店'));
  });
  it('keeps distinct names distinct', () => {
    expect(normalizePartyName('某某食品有限公司')).not.toBe(normalizePartyName('某某食品店'));
    expect(normalizePartyName('某某食品（上海）有限公司')).not.toBe(normalizePartyName('某某食品（北京）有限公司'));
  });
});
