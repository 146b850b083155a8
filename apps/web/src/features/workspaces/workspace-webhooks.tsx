'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@taskomask/ui/confirm-button';
import { CopyButton } from '@taskomask/ui/copy-button';
import { ErrorLine } from '@taskomask/ui/states';
import { useState } from 'react';
import {
  explain,
  query,
  type Webhook,
  type WebhookDelivery,
  type WebhookEventKind,
} from '@/lib/api';
import { createWebhook, deleteWebhook, redeliverWebhook } from './workspace-commands';

// Webhooks of a workspace, for its owners and admins: add one (the secret is made here and shown
// once), remove one, and read each hook's delivery log with a Redeliver button. The webhook store
// is kept by the delivery process, apart from the read models: lists refresh every few seconds.

const kindGroups: readonly { label: string; kinds: readonly WebhookEventKind[] }[] = [
  {
    label: 'Tasks',
    kinds: [
      'TaskCreated',
      'TaskRenamed',
      'TaskDescribed',
      'TaskMoved',
      'TaskDeleted',
      'TaskAssigned',
      'TaskUnassigned',
      'TaskDueDateSet',
      'TaskDueDateCleared',
      'TaskLabelAdded',
      'TaskLabelRemoved',
      'ChecklistItemAdded',
      'ChecklistItemChecked',
      'ChecklistItemUnchecked',
      'ChecklistItemRemoved',
    ],
  },
  { label: 'Comments', kinds: ['CommentAdded', 'CommentEdited', 'CommentDeleted'] },
  {
    label: 'Boards and cards',
    kinds: [
      'BoardCreated',
      'BoardRenamed',
      'BoardDescribed',
      'BoardDeleted',
      'CardAdded',
      'CardRenamed',
      'CardTypeChanged',
      'CardMoved',
      'CardDeleted',
    ],
  },
  {
    label: 'Projects and members',
    kinds: [
      'ProjectAdded',
      'ProjectRenamed',
      'ProjectDescribed',
      'ProjectDeleted',
      'MemberAdded',
      'MemberRemoved',
      'MemberRoleChanged',
    ],
  },
];

const refreshMs = 3_000;
const webhooksKey = (workspaceId: string) => ['webhooks', workspaceId] as const;
const deliveriesKey = (webhookId: string) => ['webhook-deliveries', webhookId] as const;

/** 32 random bytes as hex, made in the browser: the server never chooses a secret. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const time = (iso: string | null) =>
  iso === null ? '—' : new Date(iso).toLocaleString(undefined, { hour12: false });

const statusTone: Record<WebhookDelivery['status'], string> = {
  pending: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  retrying: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200',
  succeeded: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200',
  failed: 'bg-rose-100 text-rose-900 dark:bg-rose-900/40 dark:text-rose-200',
  skipped: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
};

function DeliveryLog({ workspaceId, hook }: { workspaceId: string; hook: Webhook }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const log = useQuery({
    queryKey: deliveriesKey(hook.webhookId),
    queryFn: () =>
      query<{ items: WebhookDelivery[] }>(
        `/workspaces/${workspaceId}/webhooks/${hook.webhookId}/deliveries`,
      ),
    refetchInterval: refreshMs,
  });
  const redeliver = async (deliveryId: string) => {
    setError(null);
    try {
      await redeliverWebhook(workspaceId, hook.webhookId, deliveryId);
      await client.invalidateQueries({ queryKey: deliveriesKey(hook.webhookId) });
    } catch (e) {
      setError(explain(e));
    }
  };
  if (log.isPending) return <p className="p-3 text-xs text-slate-500">Loading deliveries…</p>;
  if (log.isError) {
    return <ErrorLine message={explain(log.error)} onDismiss={() => void log.refetch()} />;
  }
  const items = log.data.items;
  return (
    <div className="space-y-2 p-3">
      <ErrorLine message={error} onDismiss={() => setError(null)} />
      {items.length === 0 ? (
        <p className="text-xs text-slate-500">No deliveries yet.</p>
      ) : (
        <ul aria-label="Delivery log" className="space-y-2">
          {items.map((d) => (
            <li
              key={`${d.deliveryId}-${d.createdAt}`}
              data-testid="webhook-delivery"
              className="rounded-md border border-slate-200 p-2 text-xs dark:border-slate-700"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded px-1.5 py-0.5 font-medium ${statusTone[d.status]}`}>
                  {d.status}
                </span>
                <span className="font-mono">{d.eventType}</span>
                {d.redelivery ? <span className="text-slate-500">(redelivery)</span> : null}
                <button
                  type="button"
                  className="btn-ghost ml-auto px-2 py-0.5 text-xs"
                  aria-label={`Redeliver ${d.eventType} ${d.deliveryId}`}
                  onClick={() => void redeliver(d.deliveryId)}
                >
                  Redeliver
                </button>
              </div>
              <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-slate-600 dark:text-slate-300">
                <dt>Response</dt>
                <dd>{d.responseStatus ?? '—'}</dd>
                <dt>Duration</dt>
                <dd>{d.durationMs === null ? '—' : `${d.durationMs} ms`}</dd>
                <dt>Attempts</dt>
                <dd>{d.attempts}</dd>
                <dt>Next try</dt>
                <dd>{time(d.nextAttemptAt)}</dd>
                <dt>Queued</dt>
                <dd>{time(d.createdAt)}</dd>
                {d.error ? (
                  <>
                    <dt>Error</dt>
                    <dd className="break-words">{d.error}</dd>
                  </>
                ) : null}
                <dt>Delivery</dt>
                <dd className="break-all font-mono">{d.deliveryId}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddWebhook({
  workspaceId,
  onAdded,
}: {
  workspaceId: string;
  onAdded: (secret: string) => Promise<void>;
}) {
  const [url, setUrl] = useState('');
  const [kinds, setKinds] = useState<Set<WebhookEventKind>>(
    () => new Set(['TaskCreated', 'TaskMoved'] as WebhookEventKind[]),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (kind: WebhookEventKind) =>
    setKinds((now) => {
      const next = new Set(now);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  const submit = async () => {
    setError(null);
    setBusy(true);
    const secret = newSecret();
    try {
      await createWebhook(workspaceId, { url: url.trim(), secret, eventKinds: [...kinds] });
      setUrl('');
      await onAdded(secret);
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="panel space-y-3 p-4"
      aria-label="Add a webhook"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="text-sm font-semibold">Add a webhook</h3>
      <input
        className="input"
        type="url"
        inputMode="url"
        aria-label="Payload URL"
        placeholder="https://example.com/hooks/taskomask"
        autoComplete="off"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
      />
      <fieldset className="space-y-2">
        <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">
          Events to send
        </legend>
        {kindGroups.map((group) => (
          <div key={group.label}>
            <p className="text-xs text-slate-500">{group.label}</p>
            <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
              {group.kinds.map((kind) => (
                <label key={kind} className="flex items-center gap-1 text-xs">
                  <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
                  <span className="font-mono">{kind}</span>
                </label>
              ))}
            </div>
          </div>
        ))}
      </fieldset>
      <button
        type="submit"
        className="btn-primary"
        disabled={busy || !url.trim() || kinds.size === 0}
      >
        Add webhook
      </button>
      <ErrorLine message={error} onDismiss={() => setError(null)} />
    </form>
  );
}

/** The workspace's webhooks section, for owners and admins. */
export function WorkspaceWebhooks({ workspaceId }: { workspaceId: string }) {
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hooks = useQuery({
    queryKey: webhooksKey(workspaceId),
    queryFn: () => query<{ items: Webhook[] }>(`/workspaces/${workspaceId}/webhooks`),
    refetchInterval: refreshMs,
  });
  const refresh = () => client.invalidateQueries({ queryKey: webhooksKey(workspaceId) });
  const remove = async (webhookId: string) => {
    setError(null);
    try {
      await deleteWebhook(workspaceId, webhookId);
      await refresh();
    } catch (e) {
      setError(explain(e));
    }
  };
  return (
    <section aria-labelledby="webhooks-heading" className="space-y-3">
      <h2 id="webhooks-heading" className="text-lg font-semibold">
        Webhooks
      </h2>
      <p className="text-xs text-slate-500">
        Each delivery is a signed POST: check <code>X-TaskoMask-Signature</code> with the secret
        (README, “Verifying webhook signatures”).
      </p>
      {secret ? (
        <div
          role="status"
          className="panel space-y-1 border-amber-300 p-3 text-sm dark:border-amber-700"
          data-testid="webhook-secret"
        >
          <p className="font-medium">Copy this secret now: it is not shown again.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="min-w-0 flex-1 break-all rounded bg-slate-100 p-1 text-xs dark:bg-slate-800">
              {secret}
            </code>
            <CopyButton text={secret} />
            <button
              type="button"
              className="btn-ghost px-2 py-0.5 text-xs"
              onClick={() => setSecret(null)}
            >
              Done
            </button>
          </div>
        </div>
      ) : null}
      <AddWebhook
        workspaceId={workspaceId}
        onAdded={async (made) => {
          setSecret(made);
          await refresh();
        }}
      />
      <ErrorLine message={error} onDismiss={() => setError(null)} />
      {hooks.isPending ? (
        <p className="text-xs text-slate-500">Loading webhooks…</p>
      ) : hooks.isError ? (
        <ErrorLine message={explain(hooks.error)} onDismiss={() => void hooks.refetch()} />
      ) : hooks.data.items.length === 0 ? (
        <p className="text-sm text-slate-500">No webhooks yet.</p>
      ) : (
        <ul aria-label="Webhooks" className="panel divide-y divide-slate-100 dark:divide-slate-800">
          {hooks.data.items.map((hook) => (
            <li key={hook.webhookId} data-testid="webhook">
              <div className="flex flex-wrap items-center gap-2 p-3 text-sm">
                <span className="min-w-0 flex-1">
                  <span className="block break-all font-medium">{hook.url}</span>
                  <span className="block text-xs text-slate-500">
                    {hook.eventKinds.join(', ')} · secret {hook.secretHint}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn-ghost px-2 py-1 text-xs"
                  aria-expanded={open === hook.webhookId}
                  onClick={() => setOpen(open === hook.webhookId ? null : hook.webhookId)}
                >
                  {open === hook.webhookId ? 'Hide deliveries' : 'Deliveries'}
                </button>
                <ConfirmButton
                  label="Delete"
                  question={`Delete the webhook to ${hook.url}?`}
                  confirmLabel="Delete webhook"
                  tone="danger"
                  onConfirm={() => remove(hook.webhookId)}
                />
              </div>
              {open === hook.webhookId ? (
                <DeliveryLog workspaceId={workspaceId} hook={hook} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
