import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeKey } from '../../../lib/messages';
import { checkCreditCode, makeValidUscc, partyKindOfUscc, USCC_ALPHABET, type CodeCheck } from '../../../lib/party';
import { enT, zhT } from '../words';

/** Why a code is invalid, as the interface says it in Chinese (and, with `t`, in another language). */
const reasonText = (r: CodeCheck, t = zhT): string => (r.reason ? t(codeKey('usccProblem_', r.reason), r.detail ? [r.detail] : []) : '');

// Computed with an independent implementation of GB 32100-2015 / GB 11714 (not from memory).
const VALID = {
  enterprise: '91500101MA5U7K3L7B',
  individualBusiness: '92500101MA5YB8NQ8J',
  farmerCoop: '93511525MA62N4TD7U',
  institution: '121100004000037452',
  socialOrg: '52310115324759160E',
};
// Codes of real companies as published on their own pages; both pass the same computation.
const PUBLISHED = ['91330281677691616Q', '913100007776054479'];

describe('checkCreditCode: valid codes', () => {
  it.each([
    [VALID.enterprise, 'enterprise'],
    [VALID.individualBusiness, 'individual-business'],
    [VALID.farmerCoop, 'farmer-coop'],
    [VALID.institution, 'institution'],
    [VALID.socialOrg, 'social-org'],
    [PUBLISHED[0]!, 'enterprise'],
    [PUBLISHED[1]!, 'enterprise'],
  ])('%s is a valid USCC of kind %s', (code, partyKind) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, normalized: code, kind: 'uscc', partyKind });
  });

  it('accepts lower case, full width and surrounding or inner spaces', () => {
    const fw = VALID.enterprise.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const input of [VALID.enterprise.toLowerCase(), fw, `  ${VALID.enterprise}\u3000`, '9150 0101 MA5U 7K3L 7B']) {
      expect(checkCreditCode(input)).toMatchObject({ ok: true, normalized: VALID.enterprise, kind: 'uscc' });
    }
  });
});

describe('checkCreditCode: invalid codes', () => {
  it.each([
    ['91500101MA5U7K3L7C', 'check', '统一社会信用代码校验位错误'],
    ['91500101MA5U7K3LIB', 'char', '统一社会信用代码含非法字符“I”（不使用I、O、S、V、Z）'],
    ['91500101MA5U7K3L7', 'length', '统一社会信用代码应为18位（注册号为15位数字），此处为17位'],
    ['91500101MA5U7K3L7BB', 'length', '此处为19位'],
    ['', 'empty', '统一社会信用代码为空'],
    ['无', 'length', '应为18位'],
  ])('%j → %s', (input, code, reason) => {
    const r = checkCreditCode(input);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe(code);
    expect(reasonText(r)).toContain(reason);
  });

  it('says why in English too, with what the reason names', () => {
    expect(reasonText(checkCreditCode('91500101MA5U7K3LIB'), enT)).toBe(
      'the credit code holds the character “I”, which codes do not use (nor I, O, S, V, Z)',
    );
    expect(reasonText(checkCreditCode('91500101MA5U7K3L7'), enT)).toContain('this one has 17');
  });

  it('catches a wrong organisation-code check character even when the outer check fits', () => {
    // Inner check of MA5U7K3L is 7; use 8 and give the outer check character it needs.
    const code = makeValidUscc('91500101MA5U7K3L8');
    const r = checkCreditCode(code);
    expect(r).toMatchObject({ ok: false, kind: 'uscc', partyKind: 'enterprise' });
    expect(reasonText(r)).toBe('统一社会信用代码中的组织机构代码校验位错误');
  });

  it('rejects an unknown registration authority and a non-numeric region code', () => {
    expect(reasonText(checkCreditCode(makeValidUscc('B1500101MA5U7K3L7')))).toBe('统一社会信用代码首位登记管理部门码“B”无效');
    expect(reasonText(checkCreditCode(makeValidUscc('9150A101MA5U7K3L7')))).toContain('行政区划码');
  });

  it('recognises a resident identity number put in the code field', () => {
    expect(checkCreditCode('110101199003071233')).toMatchObject({
      ok: false,
      partyKind: 'natural-person',
      reason: 'idNumber',
    });
    expect(reasonText(checkCreditCode('110101199003071233'))).toBe('这是身份证件号码，不是统一社会信用代码');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = checkCreditCode(s);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(reasonText(r)).toMatch(/[\u4e00-\u9fff]/);
      }),
    );
    expect(checkCreditCode(undefined as unknown as string).ok).toBe(false);
  });
});

describe('registration numbers (注册号)', () => {
  it('accepts 15 digits with a valid ISO 7064 MOD 11,10 check digit', () => {
    for (const n of ['500101000123458', '110108000987659']) {
      expect(checkCreditCode(n)).toEqual({ ok: true, normalized: n, kind: 'regNo', partyKind: 'unknown' });
    }
  });
  it('rejects a wrong check digit', () => {
    const r = checkCreditCode('500101000123459');
    expect(r).toMatchObject({ ok: false, kind: 'regNo', reason: 'regNoCheck' });
    expect(reasonText(r)).toBe('注册号校验位错误');
  });

  /** Test's own MOD 11,10 check digit. */
  function regNoCheck(body14: string): string {
    for (let c = 0; c < 10; c++) {
      let p = 10;
      let sum = 0;
      for (const ch of body14 + c) {
        sum = (p + Number(ch)) % 10;
        p = ((sum || 10) * 2) % 11;
      }
      if (sum === 1) return String(c);
    }
    throw new Error('unreachable');
  }

  it('every single-digit change is detected (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-6]\d{13}$/), fc.nat({ max: 14 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const n = body + regNoCheck(body);
        expect(checkCreditCode(n).ok).toBe(true);
        const flipped = n.slice(0, pos) + ((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
        expect(checkCreditCode(flipped).ok).toBe(false);
      }),
    );
  });
});

describe('USCC property', () => {
  const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
  /** Test's own GB 11714 check character. */
  function orgCheck(body8: string): string {
    const sum = Array.from(body8).reduce((s, c, i) => s + parseInt(c, 36) * ORG_WEIGHTS[i]!, 0);
    const c = 11 - (sum % 11);
    return c === 10 ? 'X' : c === 11 ? '0' : String(c);
  }
  const char = fc.constantFrom(...USCC_ALPHABET);
  const head = fc.constantFrom('91', '92', '93', '11', '12', '51', '52', '53', '31', '71', 'N2', 'Y1');
  const uscc = fc
    .tuple(head, fc.stringMatching(/^\d{6}$/), fc.array(char, { minLength: 8, maxLength: 8 }))
    .map(([h, region, org]) => makeValidUscc(h + region + org.join('') + orgCheck(org.join(''))));

  it('generated codes are valid', () => {
    fc.assert(
      fc.property(uscc, (code) => {
        expect(checkCreditCode(code)).toMatchObject({ ok: true, kind: 'uscc', normalized: code });
        expect(checkCreditCode(code.toLowerCase()).ok).toBe(true);
      }),
    );
  });

  it('changing any one character makes the code invalid', () => {
    fc.assert(
      fc.property(uscc, fc.nat({ max: 17 }), fc.constantFrom(...USCC_ALPHABET, 'I', 'O', 'S', 'V', 'Z'), (code, pos, c) => {
        fc.pre(code[pos] !== c);
        const flipped = code.slice(0, pos) + c + code.slice(pos + 1);
        expect(checkCreditCode(flipped).ok).toBe(false);
      }),
    );
  });
});

describe('partyKindOfUscc', () => {
  it.each([
    ['91', 'enterprise'],
    ['92', 'individual-business'],
    ['93', 'farmer-coop'],
    ['11', 'institution'],
    ['12', 'institution'],
    ['51', 'social-org'],
    ['53', 'social-org'],
    ['31', 'other-org'],
    ['N2', 'other-org'],
    ['B1', 'unknown'],
  ])('%s → %s', (h, kind) => {
    expect(partyKindOfUscc(`${h}0000000000000000`)).toBe(kind);
  });
});

describe('makeValidUscc', () => {
  it('appends the check character', () => {
    expect(makeValidUscc('91500101MA5U7K3L7')).toBe(VALID.enterprise);
    expect(makeValidUscc('91330281677691616')).toBe(PUBLISHED[0]);
  });
  it('refuses a body that is not 17 code characters', () => {
    expect(() => makeValidUscc('91500101')).toThrow(/17位/);
    expect(() => makeValidUscc('91500101MA5U7K3LI')).toThrow();
  });
});
