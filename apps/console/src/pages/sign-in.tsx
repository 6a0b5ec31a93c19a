import { useState, type FormEvent } from 'react';
import { request } from '../api/client';
import { ApiError } from '../api/problem';
import type { CurrentToken } from '../api/types';
import { Field } from '../ui/controls';
import type { Session } from '../session/session';

/** Sign-in with an API token: checked against GET /api/v1/tokens/current, which also gives the role. */
export function SignIn(props: { onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const me = await request<CurrentToken>('GET', '/api/v1/tokens/current', undefined, token.trim());
      props.onSignedIn({ token: token.trim(), id: me.id, name: me.name, role: me.role });
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : { status: 0, code: 'NETWORK', detail: String(err) };
      // Shown beside the token field: a 401 here means this token is unknown, revoked or mistyped.
      setError(new ApiError({ ...problem, errors: [{ field: 'token', messages: [problem.status === 401 ? 'This token is not valid (unknown, revoked or mistyped).' : problem.detail ?? problem.code] }] }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} className="card" aria-label="Sign in">
        <h1>Seatkeeper</h1>
        <p className="muted">Sign in with an API token (admin, operator or viewer). It stays in this tab only.</p>
        <Field label="API token" name="token" error={error} hint="npm start prints the first admin token; more from POST /api/v1/tokens">
          <input name="token" type="password" autoComplete="off" placeholder="skp_…" value={token} onChange={(e) => setToken(e.target.value)} required />
        </Field>
        <button type="submit" disabled={busy || !token.trim()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
