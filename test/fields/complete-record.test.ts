import { describe, expect, it } from 'vitest';

import { completeNewRecord } from '../../src/kintone/fields/index.js';
import { caught, options, writeContext } from './fixtures.js';

const FILLED = { title: 'Hello', tags: ['a'] };

describe('completeNewRecord', () => {
  it('gives every user field not sent its empty value, and stores nothing for CALC', () => {
    const values = completeNewRecord(FILLED, writeContext());

    expect(values).toEqual({
      title: 'Hello',
      memo: '',
      body: '',
      site: '',
      amount: '',
      day: '',
      at: '',
      when: '',
      size: '',
      color: 'green',
      tags: ['a'],
      pick: [],
    });
  });

  it('applies defaultValue to fields not sent', () => {
    const context = writeContext();
    Object.assign(context.properties.memo!, { defaultValue: 'note' });
    Object.assign(context.properties.amount!, { defaultValue: '4.20e1' });
    Object.assign(context.properties.day!, { defaultValue: '2020-01-15' });
    Object.assign(context.properties.at!, { defaultValue: '08:15' });
    Object.assign(context.properties.when!, { defaultValue: '2012-07-19T00:00Z' });
    Object.assign(context.properties.size!, { defaultValue: 'L' });
    Object.assign(context.properties.pick!, { defaultValue: ['x', 'y'] });

    const values = completeNewRecord(FILLED, context);

    expect(values).toMatchObject({
      memo: 'note',
      amount: '42.0',
      day: '2020-01-15',
      at: '08:15',
      when: '2012-07-19T00:00:00Z',
      size: 'L',
      pick: ['x', 'y'],
    });
  });

  it('keeps a field sent empty empty instead of applying its default', () => {
    const context = writeContext();
    Object.assign(context.properties.memo!, { defaultValue: 'note' });
    Object.assign(context.properties.pick!, { defaultValue: ['x'] });

    const values = completeNewRecord({ ...FILLED, memo: '', pick: [] }, context);

    expect(values).toMatchObject({ memo: '', pick: [] });
  });

  it('reads "now" defaults on the wall clock of the time zone, to the minute', () => {
    const context = writeContext();
    for (const code of ['day', 'at', 'when']) context.properties[code]!.defaultNowValue = true;
    context.properties.day!.defaultValue = '2000-01-01';

    const tokyo = completeNewRecord(FILLED, context);
    const losAngeles = completeNewRecord(FILLED, { ...context, timeZone: 'America/Los_Angeles' });

    expect(tokyo).toMatchObject({ day: '2024-04-01', at: '00:04', when: '2024-03-31T15:04:00Z' });
    expect(losAngeles).toMatchObject({
      day: '2024-03-31',
      at: '08:04',
      when: '2024-03-31T15:04:00Z',
    });
  });

  it('selects the first option of a radio button without a default', () => {
    const context = writeContext();
    context.properties.color = {
      type: 'RADIO_BUTTON',
      code: 'color',
      label: 'Color',
      options: { blue: { label: 'blue', index: '1' }, red: { label: 'red', index: '0' } },
    };

    expect(completeNewRecord(FILLED, context).color).toBe('red');
  });

  it('leaves a drop-down without a default empty', () => {
    const context = writeContext();
    context.properties.size!.options = options('only');

    expect(completeNewRecord(FILLED, context).size).toBe('');
  });

  it('drops codes the app does not have', () => {
    const values = completeNewRecord({ ...FILLED, ghost: 'x' }, writeContext());

    expect(values).not.toHaveProperty('ghost');
  });

  it('answers CB_VA01 for required fields still empty', () => {
    const error = caught(() => completeNewRecord({ tags: [] }, writeContext()));

    expect(error.code).toBe('CB_VA01');
    expect(error.errorsIn('en')).toEqual({
      'record.title.value': { messages: ['Required.'] },
      'record.tags.values': { messages: ['Required.'] },
    });
  });
});
