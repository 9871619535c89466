import { useCallback, useMemo, useState } from 'react';
import { PacksPage, type PackMessage } from '../../components/dashboard/PacksPage';
import { t } from '../../lib/i18n';
import { bundledPacks, packFile } from '../../lib/rules';
import { importedPacksItem, managedMirrorItem } from '../../lib/settings/items';
import { readManagedMirror } from '../../lib/settings/managed';
import { packList, updateImportedPackList } from '../../lib/settings/stored';
import { todayInChina } from '../../lib/text';
import { importPack, MAX_PACK_BYTES, packRows, withoutPack } from './pack-import';
import { download, errorText } from './shared';
import { useStoredItem } from './storage';

export function PacksContainer() {
  const { value: stored, loaded: packsLoaded } = useStoredItem(importedPacksItem, packList);
  const { value: mirror, loaded: mirrorLoaded } = useStoredItem(managedMirrorItem, readManagedMirror);
  const managed = mirror.policy.rulePacks;
  const [message, setMessage] = useState<PackMessage>(null);
  const [busy, setBusy] = useState(false);
  const rows = useMemo(() => packRows(stored, bundledPacks, todayInChina(), t, managed), [stored, managed]);

  const onImport = useCallback(async (file: File) => {
    setBusy(true);
    setMessage(null);
    try {
      if (file.size > MAX_PACK_BYTES) {
        setMessage({ kind: 'error', text: t('packs_error_tooLarge', [file.name]) });
        return;
      }
      const text = await file.text();
      // against the list as stored now, under its lock: another tab or the background may change it meanwhile
      let r: ReturnType<typeof importPack> | undefined;
      await updateImportedPackList((current) => {
        r = importPack(text, current, bundledPacks, t);
        return r.ok ? r.stored : null;
      });
      if (!r?.ok) {
        setMessage({ kind: 'error', text: t('packs_error_rejected', [file.name, r ? r.error : '']) });
        return;
      }
      setMessage({ kind: 'ok', text: t('packs_imported', [r.pack.title, r.pack.version]) });
    } catch (e) {
      // the file unreadable or the write refused: in plain words where we know the failure
      setMessage({ kind: 'error', text: t('packs_error_rejected', [file.name, errorText(e)]) });
    } finally {
      setBusy(false);
    }
  }, []);

  const onRemove = useCallback(
    async (index: number) => {
      setBusy(true);
      try {
        let found = true;
        await updateImportedPackList((current) => {
          const rest = withoutPack(current, stored[index]);
          found = rest !== null;
          return rest;
        });
        if (!found) return setMessage({ kind: 'error', text: t('packs_error_changedElsewhere') });
        setMessage({ kind: 'ok', text: t('packs_removed') });
      } catch (e) {
        setMessage({ kind: 'error', text: errorText(e) });
      } finally {
        setBusy(false);
      }
    },
    [stored],
  );

  // whether an administrator locks the packs is known only once the policy's mirror is read
  if (!packsLoaded || !mirrorLoaded) return null;
  return (
    <PacksPage
      t={t}
      packs={rows}
      message={message}
      busy={busy}
      locked={managed !== undefined}
      onImport={(f) => void onImport(f)}
      onRemove={(i) => void onRemove(i)}
      onExport={(pack) => {
        const file = packFile(pack);
        download(file.text, file.name, 'application/json');
      }}
    />
  );
}
