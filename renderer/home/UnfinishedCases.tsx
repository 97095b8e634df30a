import { useEffect, useState } from 'react';
import type { CaseView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { shortAddress } from '../format/address';
import { formatDateTime } from '../format/dates';
import { t } from '../i18n/t';

/** Sweeps that did not finish, offered for resuming as soon as the console starts. */
export function UnfinishedCases() {
  const { go } = useApp();
  const [cases, setCases] = useState<CaseView[]>([]);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .sweep.unfinished()
      .then((result) => {
        if (current && result.ok) setCases(result.value);
      });
    return () => {
      current = false;
    };
  }, []);

  if (cases.length === 0) return null;
  return (
    <section className="notice notice-warning" aria-labelledby="unfinished-heading">
      <h2 id="unfinished-heading">{t('home.unfinishedTitle')}</h2>
      <ul>
        {cases.map((view) => (
          <li key={view.caseId}>
            {t('home.unfinishedCase', {
              destination: shortAddress(view.plan.destination),
              date: formatDateTime(view.updatedAt),
              done: view.steps.filter((s) => s.state === 'included' || s.state === 'confirmed')
                .length,
              total: view.plan.steps.length,
            })}{' '}
            <button
              type="button"
              className="primary"
              onClick={() =>
                go(
                  view.safe
                    ? {
                        name: 'safe',
                        resume: { caseId: view.caseId, safe: view.safe, plan: view.plan },
                      }
                    : { name: 'resume', caseId: view.caseId },
                )
              }
            >
              {t('home.resume')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
