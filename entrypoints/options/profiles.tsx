import { useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { ProfilesPage } from '../../components/dashboard/ProfilesPage';
import { LOGICAL_KEYS } from '../../lib/facts/keys';
import { formatProfileProblem, parseSiteProfile, type SiteProfile } from '../../lib/form/profile';
import { t } from '../../lib/i18n';
import { PROFILES_KEY } from '../../lib/settings';
import { MANAGED_KEY, applyManagedProfiles, managedProfile, readManagedMirror } from '../../lib/settings/managed';
import { download, fileSafe } from './shared';
import { useStorage } from './storage';

const KEYS = LOGICAL_KEYS.map((key) => ({ key, label: t(`key_${key}`) }));

/** Only well-formed profiles are shown; a damaged entry is left in storage untouched, not silently dropped. */
function parseProfiles(raw: unknown): SiteProfile[] {
  if (!raw || typeof raw !== 'object') return [];
  return Object.values(raw as Record<string, unknown>).flatMap((p) => {
    const r = parseSiteProfile(p, { keys: LOGICAL_KEYS });
    return r.ok ? [r.profile] : [];
  });
}

async function saveProfile(p: SiteProfile): Promise<void> {
  const all = ((await browser.storage.local.get(PROFILES_KEY))[PROFILES_KEY] ?? {}) as Record<string, unknown>;
  await browser.storage.local.set({ [PROFILES_KEY]: { ...all, [p.origin]: p } });
}

const asRecord = (raw: unknown): Record<string, unknown> => (raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {});

export function ProfilesContainer() {
  const [stored] = useStorage(PROFILES_KEY, asRecord);
  const [mirror] = useStorage(MANAGED_KEY, readManagedMirror);
  // the administrator's profiles stand in for the user's for the same systems
  const profiles = useMemo(() => parseProfiles(applyManagedProfiles(stored, mirror.policy)), [stored, mirror]);
  const managed = useMemo(() => (mirror.policy.profiles ?? []).map((p) => p.origin), [mirror]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  return (
    <ProfilesPage
      t={t}
      profiles={profiles}
      keys={KEYS}
      message={message}
      managed={managed}
      onSave={(p) => {
        const checked = parseSiteProfile(p, { keys: LOGICAL_KEYS });
        if (!checked.ok) return setMessage({ kind: 'error', text: formatProfileProblem(checked.problem, t) });
        void saveProfile(checked.profile).then(() => setMessage({ kind: 'ok', text: t('common_saved') }));
      }}
      onDelete={(origin) => {
        if (!confirm(t('profiles_confirmDelete', [origin]))) return;
        void (async () => {
          const all = { ...(((await browser.storage.local.get(PROFILES_KEY))[PROFILES_KEY] ?? {}) as Record<string, unknown>) };
          delete all[origin];
          await browser.storage.local.set({ [PROFILES_KEY]: all });
        })();
      }}
      onExport={(p) => download(JSON.stringify(p, null, 2), `站点配置_${fileSafe(new URL(p.origin).host)}.json`, 'application/json')}
      onImport={(file) =>
        void file.text().then(async (text) => {
          const r = parseSiteProfile(text, { keys: LOGICAL_KEYS });
          if (!r.ok) return setMessage({ kind: 'error', text: t('profiles_importFailed', [formatProfileProblem(r.problem, t)]) });
          if (managedProfile(mirror.policy, r.profile.origin))
            return setMessage({ kind: 'error', text: t('profiles_managedOrigin', [r.profile.origin]) });
          await saveProfile(r.profile);
          setMessage({ kind: 'ok', text: t('profiles_imported', [r.profile.origin]) });
        })
      }
    />
  );
}
