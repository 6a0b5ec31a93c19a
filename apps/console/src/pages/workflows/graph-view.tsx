import { Fragment } from 'react';
import type { GraphProblem, WorkflowGraph } from '../../api/workflow-types';
import { Badge } from '../../ui/controls';
import { orderFromBegin } from './graph-order';

const TYPE_LABEL: Record<string, string> = {
  begin: 'Begin',
  role_retrieval: 'Role retrieval',
  api: 'API',
  deactivate: 'Deactivate',
  condition: 'Condition',
  notify: 'Notify',
  approval: 'Approval',
  end: 'End',
};

/** A config value as text: scalars as they are, objects (a rule, a schedule) as compact JSON. */
const show = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * The graph as a reader follows it from Begin: each block with its configuration and its
 * success/failure (or true/false) links; a validation problem sits on the block it names, those
 * about the graph as a whole above it.
 */
export function GraphView(props: { graph: WorkflowGraph; problems: GraphProblem[] }) {
  const ordered = orderFromBegin(props.graph);
  const ids = new Set(props.graph.blocks.map((b) => b.id));
  const general = props.problems.filter((p) => !p.block_id || !ids.has(p.block_id));
  return (
    <div className="wf-graph" aria-label="Workflow graph">
      {general.length > 0 && (
        <div className="banner error" role="alert" data-testid="graph-problems">
          {general.map((p) => (
            <div key={p.field}>
              {p.field}: {p.messages.join('; ')}
            </div>
          ))}
        </div>
      )}
      <ol className="wf-blocks">
        {ordered.map(({ block, next, reachable }) => {
          const problems = props.problems.filter((p) => p.block_id === block.id);
          const config = Object.entries(block.config);
          return (
            <li
              key={block.id}
              className={problems.length ? 'wf-block invalid' : 'wf-block'}
              data-testid={`block-${block.id}`}
              aria-label={`Block ${block.id}`}
            >
              <div className="wf-block-head">
                <strong>{block.name ?? block.id}</strong> <Badge>{TYPE_LABEL[block.type] ?? block.type}</Badge>
                {block.name && <span className="muted"> {block.id}</span>}
                {!reachable && <Badge tone="warn">not reached from Begin</Badge>}
              </div>
              {config.length > 0 && (
                <dl className="facts wf-config">
                  {config.map(([k, v]) => (
                    <Fragment key={k}>
                      <dt>{k}</dt>
                      <dd>
                        <code>{show(v)}</code>
                      </dd>
                    </Fragment>
                  ))}
                </dl>
              )}
              {next.length > 0 && (
                <ul className="wf-links">
                  {next.map((l) => (
                    <li key={`${l.branch}-${l.to}`} className={`wf-link ${l.branch}`}>
                      on {l.branch} → <strong>{l.to}</strong>
                    </li>
                  ))}
                </ul>
              )}
              {problems.map((p) => (
                <div key={p.field} className="field-error" role="alert" data-field={p.field}>
                  {p.field.replace(`graph.blocks.${block.id}.`, '')}: {p.messages.join('; ')}
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
