import { eventQuery, periodOf, shiftPeriod } from './period';

/** The periods must be FullCalendar's own (Russian weeks start on Monday; six-week month grids). */
describe('calendar periods', () => {
  it('April 2023 as a month grid: Monday 27 March to Monday 8 May, Moscow midnights', () => {
    expect(periodOf('month', '2023-04-01')).toEqual({ from: '2023-03-26T21:00:00.000Z', to: '2023-05-07T21:00:00.000Z' });
    expect(periodOf('month', '2023-04-17')).toEqual(periodOf('month', '2023-04-01'));
  });

  it('a month starting on a Monday starts the grid that day; weeks and lists', () => {
    expect(periodOf('month', '2023-05-10').from).toBe('2023-04-30T21:00:00.000Z');
    expect(periodOf('week', '2023-04-20')).toEqual({ from: '2023-04-16T21:00:00.000Z', to: '2023-04-23T21:00:00.000Z' });
    expect(periodOf('list', '2023-12-15')).toEqual({ from: '2023-11-30T21:00:00.000Z', to: '2023-12-31T21:00:00.000Z' });
  });

  it('steps a period forward and back, and carries the filters into the query', () => {
    expect(shiftPeriod('month', '2023-01-31', 1)).toBe('2023-02-01');
    expect(shiftPeriod('month', '2023-01-15', -1)).toBe('2022-12-01');
    expect(shiftPeriod('week', '2023-04-20', 1)).toBe('2023-04-27');
    expect(eventQuery({ from: 'a', to: 'b' }, new URLSearchParams('direction=robotics&festival=f1&view=month'))).toEqual({
      from: 'a',
      to: 'b',
      direction: 'robotics',
      festival: 'f1',
    });
  });
});
