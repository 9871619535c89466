/** A site profile pinning one field, for tests that save and restore profiles. */
export const pinnedProfile = (origin: string) => ({
  version: 1 as const,
  origin,
  name: origin,
  pins: [{ key: 'partyName', selector: '#dsr' }],
  updatedAt: '2026-12-04T08:00:00.000Z',
});
