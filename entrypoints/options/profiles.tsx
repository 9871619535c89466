import { useMemo, useState } from 'react';
import { ProfilesPage } from '../../components/dashboard/ProfilesPage';
import { LOGICAL_KEYS } from '../../lib/facts/keys';
import { formatProfileProblem, parseSiteProfile, type SiteProfile } from '../../lib/form/profile';
import { t } from '../../lib/i18n';
import { managedMirrorItem, profilesItem } from '../../lib/settings/items';
import { applyManagedProfiles, managedProfile, readManagedMirror } from '../../lib/settings/managed';
import { deleteProfile, profileMap, saveProfile } from '../../lib/settings/stored';
import { download, errorText, fileSafe } from './shared';
import { useStoredItem } from './storage';

const KEYS = LOGICAL_KEYS.map((key) => ({ key, label: t(`key_${key}`) }));

/** Only well-formed profiles are shown; a damaged entry is left in storage untouched, not silently dropped. */
function validProfiles(all: Record<string, unknown>): SiteProfile[] {
  return Object.values(all).flatMap((p) => {
    const r = parseSiteProfile(p, { keys: LOGICAL_KEYS });
    return r.ok ? [r.profile] : [];
  });
}

export function ProfilesContainer() {
  const { value: stored, loaded: profilesLoaded } = useStoredItem(profilesItem, profileMap);
  const { value: mirror, loaded: mirrorLoaded } = useStoredItem(managedMirrorItem, readManagedMirror);
  // the administrator's profiles stand in for the user's for the same systems
  const profiles = useMemo(() => validProfiles(applyManagedProfiles(stored, mirror.policy)), [stored, mirror]);
  const managed = useMemo(() => (mirror.policy.profiles ?? []).map((p) => p.origin), [mirror]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // an import is refused for the administrator's systems, which are known only once the policy's mirror is read
  if (!profilesLoaded || !mirrorLoaded) return null;
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
        void saveProfile(checked.profile).then(
          () => setMessage({ kind: 'ok', text: t('common_saved') }),
          (e: unknown) => setMessage({ kind: 'error', text: errorText(e) }),
        );
      }}
      onDelete={(origin) => {
        if (!confirm(t('profiles_confirmDelete', [origin]))) return;
        void deleteProfile(origin).catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
      }}
      onExport={(p) =>
        download(JSON.stringify(p, null, 2), `${t('profiles_fileName', [fileSafe(new URL(p.origin).host)])}.json`, 'application/json')
      }
      onImport={(file) =>
        void file
          .text()
          .then(async (text) => {
            const r = parseSiteProfile(text, { keys: LOGICAL_KEYS });
            if (!r.ok) return setMessage({ kind: 'error', text: t('profiles_importFailed', [formatProfileProblem(r.problem, t)]) });
            if (managedProfile(mirror.policy, r.profile.origin))
              return setMessage({ kind: 'error', text: t('profiles_managedOrigin', [r.profile.origin]) });
            await saveProfile(r.profile);
            setMessage({ kind: 'ok', text: t('profiles_imported', [r.profile.origin]) });
          })
          .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }))
      }
    />
  );
}
