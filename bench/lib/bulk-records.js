import { openStore } from '../../dist/store/store.js';
import { SEEK_APP, SEEK_RECORDS } from './fixture.js';

/** Rows per insert: ten columns each stays well inside both engines' parameter limits. */
const BATCH = 1_000;

/**
 * Fills the seek app with its records straight through the store, as one bulk load: through
 * HTTP it would take minutes and measure the writes rather than the reads.
 */
export async function fillSeekApp(location) {
  const store = await openStore(location);
  try {
    const actor = { code: 'bench-admin', name: 'Bench Admin' };
    const at = '2026-01-01T00:00:00Z';
    for (let start = 0; start < SEEK_RECORDS; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, SEEK_RECORDS - start) }, (_, i) => ({
        values: { title: `Row ${start + i + 1}`, amount: String(start + i + 1) },
        creator: actor,
        createdAt: at,
        modifier: actor,
        updatedAt: at,
      }));
      await store.records.write(SEEK_APP, (writer) => writer.insert(batch));
    }
  } finally {
    await store.close();
  }
}
