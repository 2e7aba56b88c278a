import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { DIALECTS, freshLocation } from '../support/dialects.js';

const DAY = '2026-12-04';

describe.each(DIALECTS)('daily request counts kept by several instances [%s]', (dialect) => {
  it('adds every instance’s counts, written or still in memory, and loses none at close', async () => {
    const { location, cleanup } = await freshLocation(dialect);
    // The store's tables have no app rows to refer to: counts are keyed by app id only.
    const first = await openStore(location);
    const second = await openStore(location);
    try {
      for (let i = 0; i < 3; i++) first.requestCounts.count(1, DAY);
      for (let i = 0; i < 2; i++) second.requestCounts.count(1, DAY);
      second.requestCounts.count(2, DAY);
      second.requestCounts.count(1, '2026-12-05');

      // Before anything is written, each instance knows only its own.
      expect(await first.requestCounts.dailyCount(1, DAY)).toBe(3);
      expect(await second.requestCounts.dailyCount(1, DAY)).toBe(2);

      await first.requestCounts.flush();
      await second.requestCounts.flush();
      expect(await first.requestCounts.dailyCount(1, DAY)).toBe(5);
      expect(await first.requestCounts.dailyCount(2, DAY)).toBe(1);
      expect(await first.requestCounts.dailyCount(1, '2026-12-05')).toBe(1);
      expect(await first.requestCounts.dailyCount(3, DAY)).toBe(0);

      second.requestCounts.count(1, DAY);
      expect(await second.requestCounts.dailyCount(1, DAY)).toBe(6);
      expect(await first.requestCounts.dailyCount(1, DAY)).toBe(5);

      await second.close();
      expect(await first.requestCounts.dailyCount(1, DAY)).toBe(6);
    } finally {
      await first.close();
      await cleanup();
    }
  });
});
