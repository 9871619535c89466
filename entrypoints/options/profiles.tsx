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
  // an imported profile whose system already has one: saved only once the user says so
  const [replacing, setReplacing] = useState<SiteProfile | null>(null);
  const fail = (e: unknown) => setMessage({ kind: 'error', text: errorText(e) });
  const importProfile = (p: SiteProfile) =>
    saveProfile(p).then(() => setMessage({ kind: 'ok', text: t('profiles_imported', [p.origin]) }), fail);
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
        void saveProfile(checked.profile).then(() => setMessage({ kind: 'ok', text: t('common_saved') }), fail);
      }}
      // asked inline by the page first
      onDelete={(origin) => void deleteProfile(origin).catch(fail)}
      onExport={(p) =>
        download(JSON.stringify(p, null, 2), `${t('profiles_fileName', [fileSafe(new URL(p.origin).host)])}.json`, 'application/json')
      }
      onImport={(file) => {
        setReplacing(null);
        void file
          .text()
          .then(async (text) => {
            const r = parseSiteProfile(text, { keys: LOGICAL_KEYS });
            if (!r.ok) return setMessage({ kind: 'error', text: t('profiles_importFailed', [formatProfileProblem(r.problem, t)]) });
            if (managedProfile(mirror.policy, r.profile.origin))
              return setMessage({ kind: 'error', text: t('profiles_managedOrigin', [r.profile.origin]) });
            if (Object.prototype.hasOwnProperty.call(stored, r.profile.origin)) {
              setMessage(null);
              return setReplacing(r.profile);
            }
            await importProfile(r.profile);
          })
          .catch(fail);
      }}
      replacing={replacing}
      onReplaceConfirm={() => {
        if (replacing) void importProfile(replacing);
        setReplacing(null);
      }}
      onReplaceCancel={() => setReplacing(null)}
    />
  );
}
