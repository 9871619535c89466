import { describe, expect, it } from 'vitest';
import { canonicalLawName, domainFromKeywords, domainFromLaws, lawLexicon, repairSectorOf } from '../../../lib/facts/lexicon';
import type { LegalCitation } from '../../../lib/facts/schema';

const cite = (law: string): LegalCitation => ({ law, article: 1, text: '' });

describe('law lexicon', () => {
  it('has unique names', () => {
    const names = lawLexicon.laws.flatMap((l) => [l.name, ...(l.full ? [l.full] : [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('canonicalises law names as written', () => {
    expect(canonicalLawName('《中华人民共和国食品安全法》')).toBe('食品安全法');
    expect(canonicalLawName('中华人民共和国食品安全法（2021年修正）')).toBe('食品安全法');
    expect(canonicalLawName('医疗器械监督管理条例')).toBe('医疗器械监督管理条例');
    expect(canonicalLawName('中华人民共和国某某新法')).toBe('某某新法');
  });

  it.each([
    ['食品安全法', 'food'],
    ['药品管理法', 'drug'],
    ['医疗器械监督管理条例', 'drug'],
    ['化妆品监督管理条例', 'drug'],
    ['产品质量法', 'quality'],
    ['特种设备安全法', 'quality'],
    ['认证认可条例', 'quality'],
    ['强制性产品认证管理规定', 'quality'],
    ['消费者权益保护法', 'consumer'],
    ['反不正当竞争法', 'competition'],
    ['广告法', 'competition'],
    ['价格法', 'competition'],
    ['商标法', 'competition'],
    ['专利法', 'competition'],
    ['禁止传销条例', 'competition'],
    ['市场主体登记管理条例', 'other'],
    ['公司法', 'other'],
  ])('%s → %s', (law, domain) => {
    expect(domainFromLaws([cite(law)]).domain).toBe(domain);
  });

  it('marks doubtful laws and skips procedural ones', () => {
    expect(domainFromLaws([cite('计量法')])).toEqual({ domain: 'quality', source: 'laws', doubtful: true });
    expect(domainFromLaws([cite('电子商务法')]).doubtful).toBe(true);
    expect(domainFromLaws([cite('行政处罚法'), cite('广告法')]).domain).toBe('competition');
    expect(domainFromLaws([cite('行政处罚法')]).domain).toBeNull();
  });

  it('falls back to keywords', () => {
    expect(domainFromKeywords('销售假药').domain).toBe('drug');
    expect(domainFromKeywords('电梯未经定期检验').domain).toBe('quality');
    expect(domainFromKeywords('').domain).toBeNull();
  });

  it('knows the 1-year credit-repair sectors', () => {
    expect(repairSectorOf([cite('食品安全法')], '')).toBe('food');
    expect(repairSectorOf([cite('药品管理法')], '')).toBe('drug');
    expect(repairSectorOf([cite('产品质量法')], '使用未经检验的电梯')).toBe('special-equipment');
    expect(repairSectorOf([cite('化妆品监督管理条例')], '')).toBeNull();
  });
});
