import { useEffect, useId, useState, type FormEvent } from 'react';
import type {
  ApiError,
  EndpointHealth,
  NetworkPresetView,
  NetworkSettings,
  Settings,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { FieldProblem } from '../components/FieldProblem';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { t } from '../i18n/t';
import { chosenCount, failingCount, healthWords, withServer, withoutServer } from './network-draft';

type Check =
  | { state: 'checking' }
  | { state: 'done'; health: EndpointHealth }
  | { state: 'failed'; error: ApiError };

/**
 * Which networks the person uses and which RPC servers Lifeboat may contact for each. The
 * first run opens here. A server is contacted only once it is ticked: ticking saves it, then
 * checks it.
 */
export function NetworkChoiceScreen({ firstRun }: { firstRun: boolean }) {
  const { settings, setSettings, go } = useApp();
  const [presets, setPresets] = useState<NetworkPresetView[] | null>(null);
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .networks.presets()
      .then((result) => {
        if (current && result.ok) setPresets(result.value);
      });
    return () => {
      current = false;
    };
  }, []);

  const save = async (next: Settings): Promise<Settings | null> => {
    setBusy(true);
    setError(null);
    const result = await lifeboat().settings.save(next);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    setSettings(result.value);
    return result.value;
  };

  const check = async (networkId: string, url: string) => {
    const key = `${networkId}|${url}`;
    setChecks((all) => ({ ...all, [key]: { state: 'checking' } }));
    const result = await lifeboat().networks.check({ networkId, url });
    setChecks((all) => ({
      ...all,
      [key]: result.ok
        ? { state: 'done', health: result.value }
        : { state: 'failed', error: result.error },
    }));
  };

  const tick = async (networkId: string, url: string, on: boolean) => {
    if (!settings) return;
    const next = on
      ? withServer(settings, networkId, url)
      : withoutServer(settings, networkId, url);
    // The box follows the click at once; a save that fails puts it back.
    setSettings(next);
    const saved = await save(next);
    if (!saved) setSettings(settings);
    else if (on) await check(networkId, url);
  };

  const finish = async () => {
    if (!settings) return;
    const saved = await save({
      ...settings,
      preferences: { ...settings.preferences, networksChosen: true },
    });
    if (saved) go({ name: 'home' });
  };

  if (!settings || !presets) return <StatusLine>{t('networks.loading')}</StatusLine>;
  return (
    <>
      <ScreenHeading
        title={t(firstRun ? 'networks.firstRunTitle' : 'networks.title')}
        intro={t('networks.intro')}
      />
      <p className="hint">{t('networks.fallback')}</p>
      <div className="stack network-choice">
        {presets.map((preset) => {
          const network = settings.networks.find((n) => n.id === preset.id);
          if (!network) return null;
          return (
            <PresetChoice
              key={preset.id}
              preset={preset}
              network={network}
              checks={checks}
              busy={busy}
              onTick={(url, on) => void tick(preset.id, url, on)}
              onCheck={(url) => void check(preset.id, url)}
            />
          );
        })}
      </div>
      <p className="hint">{t('networks.otherNetworks')}</p>
      <ErrorNotice error={error} />
      <SavedLine settings={settings} checks={checks} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void finish()}>
          {t('networks.done')}
        </button>
        {firstRun && chosenCount(settings) === 0 && (
          <button type="button" disabled={busy} onClick={() => void finish()}>
            {t('networks.later')}
          </button>
        )}
      </div>
      {firstRun && <p className="hint">{t('networks.laterHint')}</p>}
    </>
  );
}

interface PresetChoiceProps {
  preset: NetworkPresetView;
  network: NetworkSettings;
  checks: Record<string, Check>;
  busy: boolean;
  onTick: (url: string, on: boolean) => void;
  onCheck: (url: string) => void;
}

function PresetChoice({ preset, network, checks, busy, onTick, onCheck }: PresetChoiceProps) {
  const id = useId();
  const [open, setOpen] = useState(network.rpcUrls.length > 0);
  const [own, setOwn] = useState('');
  const [problem, setProblem] = useState(false);
  const listed = new Set(preset.endpoints.map((e) => e.url));
  const servers = [
    ...preset.endpoints.map((e) => ({
      url: e.url,
      hint: t('networks.endpointHint', {
        provider: e.provider,
        tracking: t(e.tracking === 'none' ? 'networks.trackingNone' : 'networks.trackingUnstated'),
        source: e.source,
      }),
    })),
    ...network.rpcUrls.filter((url) => !listed.has(url)).map((url) => ({ url, hint: '' })),
  ];

  const addOwn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const url = own.trim();
    const valid = /^https?:\/\/[^\s/]+/.test(url);
    setProblem(!valid);
    if (!valid) return;
    setOwn('');
    onTick(url, true);
  };

  return (
    <div className="network-preset">
      <div className="checkbox">
        <input
          id={`${id}-use-box`}
          type="checkbox"
          checked={open}
          disabled={network.rpcUrls.length > 0}
          onChange={(e) => setOpen(e.target.checked)}
        />
        <label htmlFor={`${id}-use-box`}>{t('networks.use', { name: preset.name })}</label>
      </div>
      {open && (
        <fieldset>
          <legend>{t('networks.servers', { name: preset.name })}</legend>
          {servers.map((server, index) => {
            const ticked = network.rpcUrls.includes(server.url);
            const check = checks[`${network.id}|${server.url}`];
            return (
              <div key={server.url} className="server">
                <div className="checkbox">
                  <input
                    id={`${id}-server-${index}`}
                    type="checkbox"
                    checked={ticked}
                    disabled={busy}
                    aria-describedby={`${id}-server-${index}-hint ${id}-server-${index}-check`}
                    onChange={(e) => onTick(server.url, e.target.checked)}
                  />
                  <label htmlFor={`${id}-server-${index}`} className="hex">
                    {server.url}
                  </label>
                </div>
                {server.hint && (
                  <p id={`${id}-server-${index}-hint`} className="hint server-hint">
                    {server.hint}
                  </p>
                )}
                <div id={`${id}-server-${index}-check`} className="server-check">
                  {ticked && <CheckLine check={check} name={preset.name} />}
                  {ticked && check && check.state !== 'checking' && (
                    <button type="button" className="small" onClick={() => onCheck(server.url)}>
                      {t('networks.checkAgain')}
                    </button>
                  )}
                </div>
              </div>
            );
          })}
          <form className="inline-form" onSubmit={addOwn} noValidate>
            <label htmlFor={`${id}-own`}>{t('networks.own', { name: preset.name })}</label>
            <input
              id={`${id}-own`}
              className="mono"
              value={own}
              aria-invalid={problem}
              onChange={(e) => setOwn(e.target.value)}
            />
            <button type="submit" disabled={busy}>
              {t('networks.addOwn')}
            </button>
          </form>
          <FieldProblem problem={problem ? 'networks.badUrl' : null} />
        </fieldset>
      )}
    </div>
  );
}

/** How many ticked servers are saved, and how many of them failed their last check. */
function SavedLine({ settings, checks }: { settings: Settings; checks: Record<string, Check> }) {
  const count = chosenCount(settings);
  const failing = failingCount(
    settings,
    new Set(
      Object.entries(checks)
        .filter(
          ([, check]) =>
            check.state === 'failed' || (check.state === 'done' && !check.health.chainMatches),
        )
        .map(([key]) => key),
    ),
  );
  if (count === 0) return <StatusLine tone="good">{''}</StatusLine>;
  if (failing === 0) return <StatusLine tone="good">{t('networks.saved', { count })}</StatusLine>;
  return <StatusLine tone="warning">{t('networks.savedFailing', { count, failing })}</StatusLine>;
}

function CheckLine({ check, name }: { check: Check | undefined; name: string }) {
  if (!check) return null;
  if (check.state === 'checking') return <StatusLine>{t('networks.checking')}</StatusLine>;
  if (check.state === 'failed') return <ErrorNotice error={check.error} />;
  const words = healthWords(check.health, name);
  return <StatusLine tone={words.tone}>{words.text}</StatusLine>;
}
