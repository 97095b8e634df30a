import type { ShareSetProgress } from '../../preload/api';
import { t } from '../i18n/t';

/** How far each group of the backup is, and how many complete groups are still needed. */
export function GroupProgressView({ progress }: { progress: ShareSetProgress }) {
  if (progress.groupThreshold === null) return <p>{t('shares.noneYet')}</p>;
  return (
    <div className="group-progress">
      <p>
        {t('shares.groupsNeeded', {
          complete: progress.groupsComplete,
          needed: progress.groupThreshold,
          count: progress.groupCount ?? 0,
        })}
      </p>
      <ul>
        {progress.groups.map((group) => (
          <li key={group.groupIndex} className={group.complete ? 'done' : undefined}>
            {t(group.complete ? 'shares.groupComplete' : 'shares.groupPartial', {
              group: group.groupIndex + 1,
              entered: group.entered,
              needed: group.memberThreshold,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
