import type { PackRow } from '../../components/dashboard/PacksPage';
import { formatPackProblems, inForce, parseRulePack, selectPack, type RulePack, type Translate } from '../../lib/rules';

/** A pack file larger than this is refused before parsing (the bundled pack is about 60 KB). */
export const MAX_PACK_BYTES = 2 * 1024 * 1024;

export type PackImport = { ok: true; pack: RulePack; stored: unknown[] } | { ok: false; error: string };

/**
 * Validate a pack file and give the new stored list (PACKS_KEY). A broken pack, or one with the id and version of
 * a bundled or already imported pack, is refused with a reason and the stored list is left as it is.
 */
export function importPack(text: string, stored: readonly unknown[], bundled: readonly RulePack[], t: Translate): PackImport {
  const r = parseRulePack(text);
  if (!r.ok) return { ok: false, error: formatPackProblems(r.problems, t) };
  const { id, version } = r.pack;
  if (bundled.some((p) => p.id === id && p.version === version)) {
    return { ok: false, error: t('packs_error_duplicateBundled', [id, version]) };
  }
  const same = stored.some((raw) => {
    const s = parseRulePack(raw);
    return s.ok && s.pack.id === id && s.pack.version === version;
  });
  if (same) return { ok: false, error: t('packs_error_duplicateImported', [id, version]) };
  return { ok: true, pack: r.pack, stored: [...stored, r.pack] };
}

/**
 * The packs to list: bundled first, then the administrator's (`managed`, when the policy sets packs), then the
 * stored ones (invalid ones with their error), with today's state. Managed packs set the stored ones aside.
 */
/**
 * The stored list without the entry shown on the page, found by its content (another tab may have imported or
 * removed a pack since, moving the positions); null when it is no longer there.
 */
export function withoutPack(current: readonly unknown[], shown: unknown): unknown[] | null {
  const wanted = JSON.stringify(shown);
  const at = current.findIndex((p) => JSON.stringify(p) === wanted);
  return at < 0 ? null : current.filter((_, i) => i !== at);
}

export function packRows(
  stored: readonly unknown[],
  bundled: readonly RulePack[],
  today: string,
  t: Translate,
  managed?: readonly RulePack[],
): PackRow[] {
  const imported = stored.map((raw, index) => ({ index, parsed: parseRulePack(raw) }));
  const valid = [...bundled, ...(managed ?? imported.flatMap((x) => (x.parsed.ok ? [x.parsed.pack] : [])))];
  const active = selectPack(valid, today);
  const row = (pack: RulePack, source: PackRow['source'], index?: number): PackRow => ({
    pack,
    source,
    ...(index === undefined ? {} : { index }),
    inForce: inForce(pack, today),
    active: pack === active,
  });
  const setAside = managed ? { setAside: true } : {};
  return [
    ...bundled.map((p) => row(p, 'bundled')),
    ...(managed ?? []).map((p) => row(p, 'managed')),
    ...imported.map(({ index, parsed }) =>
      parsed.ok
        ? { ...row(parsed.pack, 'imported', index), ...setAside }
        : { pack: null, source: 'imported' as const, index, inForce: false, active: false, error: formatPackProblems(parsed.problems, t) },
    ),
  ];
}
