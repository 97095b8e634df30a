import { useState } from 'react';
import type { CardSessionView } from '../../preload/api';
import { CardConnect } from '../card/CardConnect';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { t } from '../i18n/t';
import { ToolsPanel } from './ToolsPanel';

/** Card tools: connect a card (the PIN may be skipped for a reset), then act on it. */
export function CardToolsScreen() {
  const [session, setSession] = useState<CardSessionView | null>(null);
  const [round, setRound] = useState(0);
  const [news, setNews] = useState('');
  const restart = (done: string) => {
    setNews(done);
    setSession(null);
    setRound((n) => n + 1);
  };
  return (
    <>
      <ScreenHeading title={t('tools.title')} intro={t('tools.intro')} />
      <StatusLine tone="good">{news}</StatusLine>
      {session ? (
        <ToolsPanel key={session.sessionId} session={session} onDone={restart} />
      ) : (
        <CardConnect
          key={round}
          purpose="tools"
          instruction={t('tools.insert')}
          onReady={(ready) => {
            setNews('');
            setSession(ready);
          }}
          onSkipPin={(locked) => {
            setNews('');
            setSession(locked);
          }}
        />
      )}
    </>
  );
}
