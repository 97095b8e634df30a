// Runs a search over a source's accounts (a discovery, or a wallet's history, which is one)
// and follows its progress. The subscription is open before the run starts, so the first
// progress reports are not missed.
import { useEffect, useRef, useState } from 'react';
import type {
  DiscoveryProgress,
  DiscoveryResult,
  Result,
  SourceRef,
  WalletHistory,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useAction } from '../hooks/useAction';
import { applyProgress, sameSource } from './discovery-progress';

function useSourceScan<T>(call: (source: SourceRef) => Promise<Result<T>>) {
  const source = useRef<SourceRef | null>(null);
  const [rows, setRows] = useState<DiscoveryProgress[]>([]);
  const [value, setValue] = useState<T | null>(null);
  const action = useAction(call);

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

  const run = async (request: SourceRef): Promise<T | null> => {
    source.current = request;
    setRows([]);
    setValue(null);
    const result = await action.run(request);
    if (!result.ok) return null;
    setValue(() => result.value);
    return result.value;
  };

  /** `value` is the answer of the last run, once it is in. */
  return { run, rows, value, busy: action.busy, error: action.error };
}

export function useDiscovery() {
  return useSourceScan<DiscoveryResult>((source) => lifeboat().discovery.run({ source }));
}

export function useWalletHistory() {
  return useSourceScan<WalletHistory>((source) => lifeboat().discovery.history({ source }));
}
