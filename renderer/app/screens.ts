// The console's screens. No router: a screen is a value, and moving between screens is
// replacing that value, so every place a screen can be opened from is type-checked.
import type {
  DiscoveryResult,
  SafeRef,
  SafeView,
  SourceRef,
  SweepPlanView,
} from '../../preload/api';

/** A source whose accounts are already known, handed from one job to the next. */
export interface KnownSource {
  source: SourceRef;
  keyUid: string;
  discovery?: DiscoveryResult;
}

/** A Safe sweep kept as a case: its owners sign, then its payer sends it. */
export interface SafeSweepCase {
  caseId: string;
  safe: SafeRef;
  plan: SweepPlanView;
}

export type Screen =
  | { name: 'home' }
  | { name: 'restore' }
  | { name: 'sweep'; from?: KnownSource }
  | { name: 'resume'; caseId: string }
  /** `backup-card`: straight to reading the backup from a backup card. */
  | { name: 'rebuild'; from?: 'backup-card' }
  | { name: 'load'; secretId: string }
  | { name: 'drills' }
  | { name: 'survive' }
  /**
   * Shared wallets (Safes): create, open, empty; `resume`: a Safe sweep that did not finish;
   * `safe`: straight to that Safe's details (e.g. one found in Restore).
   */
  | { name: 'safe'; resume?: SafeSweepCase; safe?: SafeView }
  | { name: 'tools' }
  | { name: 'settings' }
  /** The choice of networks and their RPC servers; the first run opens here. */
  | { name: 'networks'; firstRun?: boolean };

export type ScreenName = Screen['name'];
