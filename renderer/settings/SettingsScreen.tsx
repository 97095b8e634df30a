import { useEffect, useState } from 'react';
import type { AppInfo, Settings } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { AddNetworkForm } from './AddNetworkForm';
import { BundledTokens } from './BundledTokens';
import { DisplayEditor } from './DisplayEditor';
import { NetworkEditor } from './NetworkEditor';
import { PreferencesEditor } from './PreferencesEditor';
import {
  addCaKey,
  addNetwork,
  addRpcUrl,
  addToken,
  removeCaKey,
  removeNetwork,
  removeToken,
  updateNetwork,
} from './settings-draft';
import { TokenEditor } from './TokenEditor';
import { TrustedKeysEditor } from './TrustedKeysEditor';

/** Networks and RPC addresses, tokens, trusted attestation keys and preferences. */
export function SettingsScreen() {
  const { settings } = useApp();
  return (
    <>
      <ScreenHeading title={t('settings.title')} intro={t('settings.intro')} />
      {settings ? (
        <SettingsForm saved={settings} />
      ) : (
        <StatusLine>{t('settings.loading')}</StatusLine>
      )}
    </>
  );
}

function SettingsForm({ saved }: { saved: Settings }) {
  const { setSettings, go } = useApp();
  const [draft, setDraft] = useState(saved);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [presetIds, setPresetIds] = useState<ReadonlySet<string> | null>(null);
  const [news, setNews] = useState('');
  const save = useAction(lifeboat().settings.save);

  useEffect(() => {
    let current = true;
    void lifeboat()
      .app.info()
      .then((result) => {
        if (current && result.ok) setInfo(result.value);
      });
    void lifeboat()
      .networks.presets()
      .then((result) => {
        if (current && result.ok) setPresetIds(new Set(result.value.map((p) => p.id)));
      });
    return () => {
      current = false;
    };
  }, []);

  const edit = (next: Settings) => {
    setNews('');
    setDraft(next);
  };

  const submit = async () => {
    const result = await save.run(draft);
    if (!result.ok) return;
    setSettings(result.value);
    setDraft(result.value);
    setNews(t('settings.saved'));
  };

  const field = save.error?.details?.field;
  return (
    <div className="stack">
      <section>
        <h2>{t('settings.networksTitle')}</h2>
        <p>{t('settings.networksIntro')}</p>
        <button type="button" onClick={() => go({ name: 'networks' })}>
          {t('settings.networksChoose')}
        </button>
        {draft.networks.map((network) => (
          <NetworkEditor
            key={network.id}
            network={network}
            onChange={(patch) => edit(updateNetwork(draft, network.id, patch))}
            {...(presetIds && !presetIds.has(network.id)
              ? { onRemove: () => edit(removeNetwork(draft, network.id)) }
              : {})}
          />
        ))}
        <details>
          <summary>{t('settings.addNetworkTitle')}</summary>
          <AddNetworkForm
            networks={draft.networks}
            onAdd={(network) => edit(addNetwork(draft, network))}
            onAddRpc={(id, url) => edit(addRpcUrl(draft, id, url))}
          />
        </details>
      </section>
      <section>
        <h2>{t('settings.tokensTitle')}</h2>
        <BundledTokens settings={draft} />
        <TokenEditor
          settings={draft}
          onAdd={(token) => edit(addToken(draft, token))}
          onRemove={(index) => edit(removeToken(draft, index))}
        />
      </section>
      <section>
        <h2>{t('settings.caTitle')}</h2>
        <p>{t('settings.caIntro')}</p>
        <TrustedKeysEditor
          builtIn={info?.builtInAuthorities ?? []}
          keys={draft.trustedCaKeys}
          onAdd={(key) => edit(addCaKey(draft, key))}
          onRemove={(key) => edit(removeCaKey(draft, key))}
        />
      </section>
      <section>
        <h2>{t('settings.valuesTitle')}</h2>
        <DisplayEditor
          preferences={draft.preferences}
          onChange={(preferences) => edit({ ...draft, preferences })}
        />
      </section>
      <section>
        <h2>{t('settings.preferencesTitle')}</h2>
        <PreferencesEditor
          preferences={draft.preferences}
          onChange={(preferences) => edit({ ...draft, preferences })}
        />
      </section>
      <div className="save-bar">
        <ErrorNotice error={save.error} />
        {typeof field === 'string' && <p className="hint">{t('settings.badField', { field })}</p>}
        <StatusLine tone="good">{news}</StatusLine>
        <button
          type="button"
          className="primary"
          disabled={save.busy}
          onClick={() => void submit()}
        >
          {t('settings.save')}
        </button>
      </div>
      {info && (
        <section>
          <h2>{t('settings.aboutTitle')}</h2>
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('settings.shell')}</dt>
            <dd>
              {t(info.shell === 'harness' ? 'settings.shellHarness' : 'settings.shellElectron')}
            </dd>
            <dt>{t('settings.pairingProtection')}</dt>
            <dd>{info.pairingProtection}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}
