import { useApp } from '../app/AppContext';
import type { Screen } from '../app/screens';
import { ScreenHeading } from '../components/ScreenHeading';
import { t, type MessageKey } from '../i18n/t';
import { ReadersOverview } from './ReadersOverview';
import { UnfinishedCases } from './UnfinishedCases';

const JOBS: readonly { screen: Screen; title: MessageKey; text: MessageKey }[] = [
  { screen: { name: 'restore' }, title: 'job.restore', text: 'job.restoreText' },
  { screen: { name: 'sweep' }, title: 'job.sweep', text: 'job.sweepText' },
  { screen: { name: 'rebuild' }, title: 'job.rebuild', text: 'job.rebuildText' },
  { screen: { name: 'drills' }, title: 'job.drill', text: 'job.drillText' },
  { screen: { name: 'survive' }, title: 'job.survive', text: 'job.surviveText' },
  { screen: { name: 'safe' }, title: 'job.safe', text: 'job.safeText' },
];

/** The readers and cards, any unfinished sweep, and the six jobs. */
export function HomeScreen() {
  const { go } = useApp();
  return (
    <>
      <ScreenHeading title={t('home.title')} intro={t('home.intro')} />
      <UnfinishedCases />
      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">{t('home.jobsTitle')}</h2>
        <div className="job-grid">
          {JOBS.map((job) => (
            <button key={job.title} type="button" className="job" onClick={() => go(job.screen)}>
              <span className="job-title">{t(job.title)}</span>
              <span className="job-text">{t(job.text)}</span>
            </button>
          ))}
        </div>
      </section>
      <ReadersOverview />
      <section aria-labelledby="more-heading">
        <h2 id="more-heading">{t('home.moreTitle')}</h2>
        <div className="actions">
          <button type="button" onClick={() => go({ name: 'tools' })}>
            {t('nav.tools')}
          </button>
          <button type="button" onClick={() => go({ name: 'settings' })}>
            {t('nav.settings')}
          </button>
        </div>
      </section>
    </>
  );
}
