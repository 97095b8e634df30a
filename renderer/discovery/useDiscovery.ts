// Runs a discovery and follows its progress. The subscription is open before the run starts,
// so the first progress reports are not missed.
import { useEffect, useRef, useState } from 'react';
import type { DiscoveryProgress, DiscoveryResult, SourceRef } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useAction } from '../hooks/useAction';
import { applyProgress, sameSource } from './discovery-progress';

export function useDiscovery() {
  const source = useRef<SourceRef | null>(null);
  const [rows, setRows] = useState<DiscoveryProgress[]>([]);
  const action = useAction((request: SourceRef) => lifeboat().discovery.run({ source: request }));

  useEffect(
    () =>
      lifeboat().discovery.watch((event) => {
        const current = source.current;
        if (current && sameSource(event.source, current)) {
          setRows((list) => applyProgress(list, event));
        }
      }),
    [],
  );

  const run = async (request: SourceRef): Promise<DiscoveryResult | null> => {
    source.current = request;
    setRows([]);
    const result = await action.run(request);
    return result.ok ? result.value : null;
  };

  return { run, rows, busy: action.busy, error: action.error };
}
