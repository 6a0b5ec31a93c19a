import { useEffect, useState } from 'react';
import { onUnauthorized, setApiToken } from './api/client';
import { AuditLogPage } from './pages/audit-log';
import { CredentialsPage } from './pages/credentials';
import { DashboardPage } from './pages/dashboard';
import { IntegrationDetail } from './pages/integration-detail';
import { IntegrationsPage } from './pages/integrations';
import { PeoplePage } from './pages/people';
import { ReportsPage } from './pages/reports';
import { SaasUsersPage } from './pages/saas-users';
import { SignIn } from './pages/sign-in';
import { WorkflowsRoute } from './pages/workflows';
import { useRoute } from './router';
import { clearSession, loadSession, saveSession, type Session } from './session/session';
import { SessionContext } from './session/session-context';


const NAV: [string, string][] = [
  ['dashboard', 'Dashboard'],
  ['integrations', 'Integrations'],
  ['credentials', 'Credentials'],
  ['people', 'People'],
  ['saas-users', 'SaaS apps → Users'],
  ['reports', 'Reports'],
  ['workflows', 'Workflows'],
  ['audit-log', 'Audit log'],
];

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    setApiToken(s?.token ?? null);
    return s;
  });
  const route = useRoute();

  const signOut = () => {
    clearSession();
    setApiToken(null);
    setSession(null);
  };
  useEffect(() => onUnauthorized(signOut), []);

  if (!session) {
    return (
      <SignIn
        onSignedIn={(s) => {
          saveSession(s);
          setApiToken(s.token);
          setSession(s);
        }}
      />
    );
  }

  const [page = 'dashboard', id] = route;
  return (
    <SessionContext.Provider value={session}>
      <div className="shell">
        <nav aria-label="Main">
          <div className="brand">Seatkeeper</div>
          {NAV.map(([path, label]) => (
            <a key={path} href={`#/${path}`} className={page === path ? 'active' : undefined} aria-current={page === path ? 'page' : undefined}>
              {label}
            </a>
          ))}
          <div className="who">
            <div>{session.name}</div>
            <div className="muted" data-testid="role">
              {session.role}
            </div>
            <button type="button" className="link" onClick={signOut}>
              Sign out
            </button>
          </div>
        </nav>
        <main>
            {page === 'dashboard' && <DashboardPage />}
            {page === 'integrations' && (id ? <IntegrationDetail id={id} /> : <IntegrationsPage />)}
            {page === 'credentials' && <CredentialsPage />}
            {page === 'people' && <PeoplePage />}
            {page === 'saas-users' && <SaasUsersPage />}
            {page === 'reports' && <ReportsPage />}
            {page === 'workflows' && <WorkflowsRoute id={id} />}
            {page === 'audit-log' && <AuditLogPage />}
        </main>
      </div>
    </SessionContext.Provider>
  );
}
