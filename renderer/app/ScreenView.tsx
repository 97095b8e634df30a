import { CardToolsScreen } from '../tools/CardToolsScreen';
import { DrillsScreen } from '../drills/DrillsScreen';
import { SurviveScreen } from '../survive/SurviveScreen';
import { HomeScreen } from '../home/HomeScreen';
import { LoadScreen } from '../rebuild/LoadScreen';
import { RebuildScreen } from '../rebuild/RebuildScreen';
import { RestoreScreen } from '../restore/RestoreScreen';
import { SafeScreen } from '../safe/SafeScreen';
import { NetworkChoiceScreen } from '../networks/NetworkChoiceScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { ResumeScreen } from '../sweep/ResumeScreen';
import { SweepScreen } from '../sweep/SweepScreen';
import type { Screen } from './screens';

/** The component for a screen value. */
export function ScreenView({ screen }: { screen: Screen }) {
  switch (screen.name) {
    case 'home':
      return <HomeScreen />;
    case 'restore':
      return <RestoreScreen />;
    case 'sweep':
      return <SweepScreen from={screen.from} />;
    case 'resume':
      return <ResumeScreen caseId={screen.caseId} />;
    case 'rebuild':
      return <RebuildScreen fromCard={screen.from === 'backup-card'} />;
    case 'load':
      return <LoadScreen secretId={screen.secretId} />;
    case 'drills':
      return <DrillsScreen />;
    case 'survive':
      return <SurviveScreen />;
    case 'safe':
      return <SafeScreen resume={screen.resume} safe={screen.safe} />;
    case 'tools':
      return <CardToolsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'networks':
      return <NetworkChoiceScreen firstRun={screen.firstRun === true} />;
  }
}
