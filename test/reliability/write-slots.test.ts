import { describe, expect, it } from 'vitest';
import { WriteSlots } from '../../src/store/write-slots.js';

describe('write slots', () => {
  it('runs at most its capacity at once, in order, and frees a slot when work fails', async () => {
    const slots = new WriteSlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });

    const runs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
        if (i === 0) throw new Error('first fails');
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);

    for (const gate of gates) gate.resolve();
    const results = await Promise.allSettled(runs);

    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
  });
});
