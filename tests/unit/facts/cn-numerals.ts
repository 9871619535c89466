/** Test helper: an integer 1–9999 in Chinese numerals as written in legal texts (十一, 一百零五, 一千零一十). */
export function toChineseNumeral(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n]!;
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  let out = '';
  let gap = false;
  for (const [unit, name] of [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ] as const) {
    const q = Math.floor(n / unit) % 10;
    if (q) {
      out += (gap && out ? '零' : '') + d[q] + name;
      gap = false;
    } else if (out) gap = true;
  }
  const r = n % 10;
  if (r) out += (gap ? '零' : '') + d[r];
  return out;
}
