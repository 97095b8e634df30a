// Dates are shown in the person's locale but computed in UTC, the way main stores them.

/** "12 March 2026, 14:05" style, in the local time zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** YYYY-MM-DD of `months` after `from` (UTC), clamped to the end of shorter months. */
export function monthsLater(from: Date, months: number): string {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(from.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}
