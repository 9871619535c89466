import { describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import zh from '../../../public/_locales/zh_CN/messages.json';
import { overlayFlags } from '../../../entrypoints/reader.content/features/flags';
import type { PartyAnswer } from '../../../lib/messaging/protocol';
import { translatorFromMessages } from '../../../lib/rules/format';

const answer = (flags: PartyAnswer['flags']): PartyAnswer => ({ flags, onSeriousList: false, caseListed: false, warnings: [] });
const keyDomain = answer([
  {
    flag: 'key-domain',
    status: 'confirmed',
    basis: { code: 'party.key-domain', params: { listName: '重点领域企业清单', sections: ['food-production', 'special-equipment'] } },
  },
]);
const risk = answer([
  {
    flag: 'risk-C',
    status: 'confirmed',
    date: '2025-06-30',
    basis: { code: 'party.risk', params: { listName: '信用风险分类', riskClass: 'C', date: '2025-06-30' } },
  },
]);

describe('party flags speak the user’s language', () => {
  it('a key-domain flag names its sections in words, not ids', () => {
    const [zhFlag] = overlayFlags(keyDomain, translatorFromMessages(zh));
    expect(zhFlag!.basis).toContain('食品生产企业');
    expect(zhFlag!.basis).toContain('特种设备获证企业');
    const [enFlag] = overlayFlags(keyDomain, translatorFromMessages(en));
    for (const f of [zhFlag!, enFlag!]) expect(f.basis).not.toMatch(/food-production|special-equipment/);
  });

  it('a risk class prints its date once', () => {
    const [f] = overlayFlags(risk, translatorFromMessages(zh));
    const shown = `${f!.basis}${f!.date ? ` · ${f!.date}` : ''}`;
    expect(shown.split('2025-06-30')).toHaveLength(2);
  });
});
