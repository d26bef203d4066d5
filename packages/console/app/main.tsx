// The Sluice console: a single page (hash routes) over the public HTTP API. Log in with an API key; the pages
// show what the key's scopes allow (write: start jobs, collect now; admin: sources on/off, dead letters).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, must, storeKey, storedKey, type Scope } from './api';
import { DeadLetterPage, DeadLettersPage } from './pages/dead-letters';
import { ItemPage } from './pages/item';
import { ItemsPage } from './pages/items';
import { JobsPage } from './pages/jobs';
import { PipelinePage } from './pages/pipeline';
import { SourcesPage } from './pages/sources';
import './style.css';

export interface Session {
  name: string;
  scopes: readonly Scope[];
}

const PAGES = [
  { path: 'items', label: 'Items' },
  { path: 'pipeline', label: 'Pipeline' },
  { path: 'sources', label: 'Sources' },
  { path: 'jobs', label: 'Jobs' },
  { path: 'dead-letters', label: 'Dead letters' },
] as const;

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function Login({ onLogin }: { onLogin: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    storeKey(key.trim());
    try {
      const me = must(await api.GET('/v1/whoami'));
      onLogin(me);
    } catch (e) {
      storeKey(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>Sluice console</h1>
      <form onSubmit={submit} aria-describedby="login-help">
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="current-password"
          required
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
        />
        <button type="submit" disabled={busy}>
          Log in
        </button>
        <p id="login-help" class="muted">
          A key with the <code>read</code> scope; <code>write</code> starts jobs, <code>admin</code> manages sources and
          dead letters. <code>pnpm start --serve</code> prints one.
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

function App() {
  const hash = useHash();
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(storedKey() !== null);
  useEffect(() => {
    if (!storedKey()) return;
    api.GET('/v1/whoami').then(
      (r) => {
        if (r.data) setSession(r.data);
        else storeKey(null);
        setChecking(false);
      },
      () => setChecking(false),
    );
  }, []);
  if (checking) return <p class="muted">Loading…</p>;
  if (!session) return <Login onLogin={setSession} />;

  const [page = 'items', id] = hash.replace(/^#\/?/, '').split('/');
  const logout = () => {
    storeKey(null);
    setSession(null);
  };
  let content;
  if (page === 'items' && id) content = <ItemPage id={decodeURIComponent(id)} />;
  else if (page === 'pipeline') content = <PipelinePage />;
  else if (page === 'sources') content = <SourcesPage session={session} />;
  else if (page === 'jobs') content = <JobsPage session={session} />;
  else if (page === 'dead-letters' && id) content = <DeadLetterPage id={Number(id)} session={session} />;
  else if (page === 'dead-letters') content = <DeadLettersPage session={session} />;
  else content = <ItemsPage />;
  return (
    <>
      <header class="top">
        <a class="brand" href="#/items">
          Sluice
        </a>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <a href={`#/${p.path}`} aria-current={page === p.path ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {session.name} ({session.scopes.join(', ')})
        </span>
        <button type="button" class="secondary" onClick={logout}>
          Log out
        </button>
      </header>
      <main id="main">{content}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
