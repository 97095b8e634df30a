import { formatDateTime } from '../format/dates';
import { formatCents, type Total, type Valuation } from '../format/money';
import { t } from '../i18n/t';

/** The same in words, for a value inside a sentence. */
export function valuationText(valuation: Valuation): string {
  if (valuation.kind === 'value') return formatCents(valuation.cents);
  if (valuation.kind === 'stale') {
    return t('money.stale', { date: formatDateTime(valuation.updatedAt) });
  }
  return t('money.none');
}

/** A value in dollars, or why there is none: a stale feed says when it last spoke. */
export function MoneyValue({ valuation }: { valuation: Valuation }) {
  if (valuation.kind === 'value') {
    return (
      <span title={valuation.pair ? t('money.pair', { pair: valuation.pair }) : undefined}>
        {formatCents(valuation.cents)}
      </span>
    );
  }
  if (valuation.kind === 'stale') {
    return (
      <span className="tone-warning">
        {t('money.stale', { date: formatDateTime(valuation.updatedAt) })}
      </span>
    );
  }
  return <span className="money-none">{t('money.none')}</span>;
}

/** A sum of values; one without a usable price is left out, and the total says so. */
export function MoneyTotal({ total }: { total: Total }) {
  return (
    <span>
      {t(total.partial ? 'money.totalPartial' : 'money.total', {
        value: formatCents(total.cents),
      })}
    </span>
  );
}
