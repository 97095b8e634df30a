import { useEffect, useState } from 'react';
import type { ApiError, CaseView } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { formatDateTime } from '../format/dates';
import { t } from '../i18n/t';
import { SweepRun } from './SweepRun';

/** An unfinished sweep found on start: what it is, and how to let it finish. */
export function ResumeScreen({ caseId }: { caseId: string }) {
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .sweep.status({ caseId })
      .then((result) => {
        if (!current) return;
        if (result.ok) setView(result.value);
        else setError(result.error);
      });
    return () => {
      current = false;
    };
  }, [caseId]);

  return (
    <>
      <ScreenHeading title={t('resume.title')} intro={t('resume.intro')} />
      <ErrorNotice error={error} />
      {!view && !error && <StatusLine>{t('resume.loading')}</StatusLine>}
      {view && (
        <>
          <p>{t('resume.updated', { date: formatDateTime(view.updatedAt) })}</p>
          <SweepRun
            caseId={view.caseId}
            plan={view.plan}
            source={view.source}
            needsSource={view.state !== 'finished'}
          />
        </>
      )}
    </>
  );
}
