// Before the e2e run: the framework fixtures installed and bundled (a no-op when fresh; `npm test` does it first).
import { ensureFrameworkFixtures } from '../fixtures/frameworks/build.mjs';

export default async function globalSetup(): Promise<void> {
  try {
    await ensureFrameworkFixtures();
  } catch (e) {
    // the other specs still run; the matrix tests then fail on their pages, which are missing
    console.error(`The framework fixtures could not be prepared: ${String(e)}`);
  }
}
