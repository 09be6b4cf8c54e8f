// Calendar dates (YYYY-MM-DD) as the people at the station read them: the local date of the
// computer, so that "today" for a review or a judge's decision date is the station's today.

/** The local calendar date of an instant, `2024-06-01`. */
export function localCalendarDate(instant: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}
