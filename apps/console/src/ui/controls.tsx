import type { ReactNode } from 'react';
import type { ApiError } from '../api/problem';

/** A labelled control with the API's messages for its field right beside it. */
export function Field(props: { label: string; name: string; error?: ApiError; hint?: string; children: ReactNode }) {
  const messages = props.error?.messagesFor(props.name) ?? [];
  return (
    <label className={messages.length ? 'field invalid' : 'field'} data-field={props.name}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint && !messages.length && <span className="hint">{props.hint}</span>}
      {messages.map((m) => (
        <span key={m} className="field-error" role="alert">
          {m}
        </span>
      ))}
    </label>
  );
}

/** A problem no field claims (or none given): its title/detail and the request id for support. */
export function ErrorBanner(props: { error?: ApiError; claimed?: readonly string[] }) {
  if (!props.error) return null;
  const { problem } = props.error;
  const rest = props.error.unclaimed(props.claimed ?? []);
  if (props.claimed && problem.code === 'VALIDATION_FAILED' && rest.length === 0) return null;
  return (
    <div className="banner error" role="alert">
      <strong>{problem.title ?? problem.code}</strong> {problem.detail}
      {rest.map((e) => (
        <div key={e.field}>
          {e.field}: {e.messages.join('; ')}
        </div>
      ))}
      {problem.request_id && <div className="muted">request {problem.request_id}</div>}
    </div>
  );
}

/** What an empty list means and what to do next. */
export function Empty(props: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{props.title}</strong>
      {props.children && <p>{props.children}</p>}
    </div>
  );
}

export function ProgressBar(props: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(props.value)));
  return (
    <div className="progress" role="progressbar" aria-label={props.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-text">{pct}%</span>
    </div>
  );
}

export function Badge(props: { tone?: 'ok' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge ${props.tone ?? 'info'}`}>{props.children}</span>;
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function Unavailable(props: { what: string; service: string }) {
  return (
    <div className="empty" data-testid="routes-unavailable">
      <strong>{props.what} is not available on this gateway yet.</strong>
      <p>
        The {props.service} service&apos;s routes are not in this gateway&apos;s API (its OpenAPI document lists none). Nothing is shown
        rather than made-up figures; the page works as soon as a gateway with those routes is deployed.
      </p>
    </div>
  );
}
