import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberBirthDate, isIdNumber, maskIdNumber } from '../../../lib/party';

// Check characters computed with an independent implementation of ISO 7064 MOD 11-2.
const VALID = ['110101199003071233', '500101198512310026', '440304200002295675'];

describe('isIdNumber', () => {
  it.each(VALID)('accepts %s', (n) => {
    expect(isIdNumber(n)).toBe(true);
  });
  it('accepts x in lower case, full width and spaces', () => {
    expect(isIdNumber('11010519491231002x')).toBe(true);
    expect(isIdNumber(' １１０１０５１９４９１２３１００２Ｘ ')).toBe(true);
  });
  it('accepts an old 15-digit number with a valid birth date', () => {
    expect(isIdNumber('110101900307123')).toBe(true);
    expect(idNumberBirthDate('110101900307123')).toBe('1990-03-07');
    expect(isIdNumber('110101901307123')).toBe(false);
  });
  it.each([
    ['110101199003071234', 'wrong check'],
    ['110101199002301237', 'no 30 February'],
    ['11010119900307123', '17 digits'],
    ['91500101MA5U7K3L7B', 'a credit code'],
    ['', 'empty'],
  ])('rejects %s (%s)', (n) => {
    expect(isIdNumber(n)).toBe(false);
  });

  it('detects any single-digit change (property)', () => {
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const id = fc
      .tuple(
        fc.stringMatching(/^[1-6]\d{5}$/),
        fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([region, birth, seq]) => {
        const body = region + birth.toISOString().slice(0, 10).replace(/-/g, '') + seq;
        const sum = Array.from(body).reduce((s, c, i) => s + Number(c) * W[i]!, 0);
        return body + '10X98765432'[sum % 11];
      });
    fc.assert(
      fc.property(id, fc.nat({ max: 16 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        expect(isIdNumber(n)).toBe(true);
        const flipped = n.slice(0, pos) + ((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
        expect(isIdNumber(flipped)).toBe(false);
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('110101199003071233')).toBe('110101********1233');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('110101900307123')).toBe('110101*****7123');
  });
  it('masks short input entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});
