// Looks strings up in the catalogue. Every visible string of the console goes through here
// (error help texts come from preload/errors.ts), so a translation is one more catalogue.
import { en, type Plural } from './en';

export type MessageKey = keyof typeof en;
export type Params = Readonly<Record<string, string | number>>;

const plurals = new Intl.PluralRules('en');

function form(count: unknown): keyof Plural {
  return typeof count === 'number' && plurals.select(count) === 'one' ? 'one' : 'other';
}

/** The message for `key` with `{name}` placeholders filled; plural entries choose by `count`. */
export function t(key: MessageKey, params: Params = {}): string {
  const entry: string | Plural = en[key];
  const template = typeof entry === 'string' ? entry : entry[form(params.count)];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
