import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ReaderView, ReadersSnapshot } from '../preload/api';

const READER_STATE: Record<ReaderView['state'], string> = {
  'waiting-for-card': 'No card',
  'card-present': 'Card inserted',
  connected: 'Card in use',
  error: 'Reader error',
};

function Readers() {
  const [snapshot, setSnapshot] = useState<ReadersSnapshot | undefined>();
  useEffect(() => {
    const stop = window.lifeboat.readers.watch(setSnapshot);
    void window.lifeboat.readers.list().then((result) => {
      if (result.ok) setSnapshot(result.value);
    });
    return stop;
  }, []);
  if (!snapshot) return <p>Looking for card readers…</p>;
  if (snapshot.state === 'no-service') return <p>The smart-card service (pcscd) is not running.</p>;
  if (snapshot.state === 'no-reader') return <p>No card reader is connected.</p>;
  return (
    <ul aria-label="Card readers">
      {snapshot.readers.map((reader) => (
        <li key={reader.name}>
          <strong>{reader.name}</strong>: {READER_STATE[reader.state]}
        </li>
      ))}
    </ul>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <main>
        <h1>Lifeboat</h1>
        <Readers />
      </main>
    </StrictMode>,
  );
}
