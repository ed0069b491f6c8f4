// The site console beside the page: simulate a SAML JIT login or product activity, move the emulated clock,
// turn the fault dials, and watch platform invocations and site audit records as they happen.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { getJson, postJson, type ActivityFeed } from '../preview-api';
import { faultDials, jitLogin, recordActivity, setFaultDials, type FaultDials } from '../site-control';
import type { BridgeLogEntry } from './bridge-log';

interface Option<T> {
  label: string;
  value: T;
}

const PRODUCTS: Option<string>[] = [
  { label: 'Jira', value: 'jira-software' },
  { label: 'Confluence', value: 'confluence' },
];

const ERROR_RATES: Option<number>[] = [0, 0.05, 0.2, 0.5].map((r) => ({
  label: `${r * 100} % 5xx`,
  value: r,
}));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function time(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function Section(props: { title: string; children: ReactNode }): ReactNode {
  return (
    <section className="console-section">
      <Heading size="xsmall" as="h3">
        {props.title}
      </Heading>
      {props.children}
    </section>
  );
}

function useNotice(): [ReactNode, (text: string, ok: boolean) => void] {
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | undefined>();
  const show = useCallback((text: string, ok: boolean) => setNotice({ text, ok }), []);
  const node = notice ? (
    <div className={notice.ok ? 'console-notice' : 'console-notice console-notice--error'} role="status">
      {notice.text}
    </div>
  ) : null;
  return [node, show];
}

export function SiteConsole(props: { bridgeLog: BridgeLogEntry[] }): ReactNode {
  const [notice, show] = useNotice();
  const [email, setEmail] = useState('new.starter@acme.example');
  const [name, setName] = useState('New Starter');
  const [activityUser, setActivityUser] = useState('avery.admin@acme.example');
  const [product, setProduct] = useState<Option<string>>(PRODUCTS[0] as Option<string>);
  const [dials, setDials] = useState<FaultDials | undefined>();
  const [feed, setFeed] = useState<ActivityFeed | undefined>();
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (label: string, action: () => Promise<string>) => {
      setBusy(true);
      try {
        show(`${label}: ${await action()}`, true);
      } catch (e) {
        show(`${label} failed: ${e instanceof Error ? e.message : String(e)}`, false);
      } finally {
        setBusy(false);
      }
    },
    [show],
  );

  useEffect(() => {
    void faultDials().then(setDials, () => undefined);
    let live = true;
    const poll = (): void => {
      getJson<ActivityFeed>('/__preview/activity').then(
        (f) => live && setFeed(f),
        () => undefined,
      );
    };
    poll();
    const timer = setInterval(poll, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const setFaults = (next: FaultDials): void =>
    void run('Faults', async () => {
      const applied = await setFaultDials(next);
      setDials(applied);
      return `rate limits ${applied.rateLimits ? 'on' : 'off'}, ${applied.errorRate * 100} % 5xx`;
    });

  const advance = (ms: number, label: string): void =>
    void run(`Clock ${label}`, async () => {
      const reply = await postJson<{ now: number; ran: number }>('/__preview/clock/advance', { ms });
      return `now ${time(reply.now)} UTC, ${reply.ran} invocation(s) on the way`;
    });

  return (
    <aside className="preview-console" data-testid="site-console">
      <Heading size="small" as="h2">
        Site console
      </Heading>
      {notice}
      <Section title="SAML JIT login">
        <Textfield
          aria-label="Email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          isCompact
        />
        <Textfield
          aria-label="Display name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          isCompact
        />
        <Button
          isDisabled={busy}
          testId="console-jit-login"
          onClick={() =>
            void run('JIT login', async () => {
              const r = await jitLogin(email, name);
              return r.created
                ? `created ${r.accountId}`
                : `${r.accountId} already existed (nothing created)`;
            })
          }
        >
          Log in via SSO
        </Button>
      </Section>
      <Section title="Product activity">
        <Textfield
          aria-label="User email or account id"
          value={activityUser}
          onChange={(e) => setActivityUser(e.currentTarget.value)}
          isCompact
        />
        <Select<Option<string>>
          aria-label="Product"
          options={PRODUCTS}
          value={product}
          spacing="compact"
          onChange={(o) => o && setProduct(o)}
        />
        <Button
          isDisabled={busy}
          onClick={() =>
            void run('Activity', async () => {
              const accountId = await recordActivity(activityUser, product.value);
              return `${accountId} active in ${product.label} now`;
            })
          }
        >
          Record activity now
        </Button>
      </Section>
      <Section title={`Emulated clock${feed ? ` · ${time(feed.now)} UTC` : ''}`}>
        <div className="console-row">
          <Button isDisabled={busy} onClick={() => advance(HOUR, '+1 h')}>
            +1 h
          </Button>
          <Button isDisabled={busy} onClick={() => advance(DAY, '+1 day')}>
            +1 day
          </Button>
          <Button isDisabled={busy} onClick={() => advance(30 * DAY, '+30 days')}>
            +30 days
          </Button>
        </div>
      </Section>
      <Section title="Fault dials">
        {dials ? (
          <>
            <label className="console-row">
              <Toggle
                isChecked={dials.rateLimits}
                onChange={() => setFaults({ ...dials, rateLimits: !dials.rateLimits })}
                label="Rate limits"
              />
              Rate limits {dials.rateLimits ? 'on' : 'off'}
            </label>
            <Select<Option<number>>
              aria-label="5xx rate"
              options={ERROR_RATES}
              value={
                ERROR_RATES.find((o) => o.value === dials.errorRate) ?? {
                  label: `${dials.errorRate * 100} % 5xx`,
                  value: dials.errorRate,
                }
              }
              spacing="compact"
              onChange={(o) => o && setFaults({ ...dials, errorRate: o.value })}
            />
          </>
        ) : (
          <span>loading…</span>
        )}
      </Section>
      <Section title="Platform invocations">
        <ul className="console-list" data-testid="console-invocations">
          {(feed?.invocations ?? []).map((i) => (
            <li key={i.invocationId}>
              <Lozenge appearance={i.outcome === 'success' ? 'success' : 'removed'}>{i.outcome}</Lozenge>{' '}
              <code>{i.moduleKind}</code> {i.moduleKey} · {i.elapsedMs} ms · {time(i.startedAt)}
              {i.error ? <div className="console-error">{i.error}</div> : null}
            </li>
          ))}
          {feed && feed.invocations.length === 0 ? <li>none yet</li> : null}
        </ul>
      </Section>
      <Section title="Site audit log">
        <ul className="console-list" data-testid="console-audit">
          {(feed?.audit ?? []).map((a) => (
            <li key={a.id}>
              {time(a.created)} · {a.summary}
              {a.objectName ? ` · ${a.objectName}` : ''}
              {a.eventSource ? <span className="console-muted"> ({a.eventSource})</span> : null}
            </li>
          ))}
          {feed && feed.audit.length === 0 ? <li>none yet</li> : null}
        </ul>
      </Section>
      <Section title="Bridge calls from the page">
        <ul className="console-list" data-testid="console-bridge-log">
          {props.bridgeLog.map((entry) => (
            <li key={entry.seq} className={entry.failed ? 'console-error' : undefined}>
              <code>{entry.cmd}</code> {entry.detail}
            </li>
          ))}
        </ul>
      </Section>
    </aside>
  );
}
