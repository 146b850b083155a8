'use client';

import { type FormEvent, useState } from 'react';
import { explain } from '@/lib/api';

/** A one-line create form: a name (3–50 characters) and an optional description. */
export function NameForm({
  label,
  placeholder,
  submit,
  onDone,
  withDescription = false,
  extra,
}: {
  label: string;
  placeholder: string;
  submit: (values: { name: string; description: string }) => Promise<unknown>;
  onDone?: () => void;
  withDescription?: boolean;
  extra?: React.ReactNode;
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submit({ name: name.trim(), description: description.trim() });
      setName('');
      setDescription('');
      onDone?.();
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" aria-label={label}>
      <div className="flex flex-wrap gap-2">
        <input
          className="input min-w-0 flex-1"
          aria-label={`${label} name`}
          placeholder={placeholder}
          value={name}
          minLength={3}
          maxLength={50}
          required
          onChange={(e) => setName(e.target.value)}
        />
        {extra}
        <button type="submit" className="btn-primary" disabled={busy || name.trim().length < 3}>
          {label}
        </button>
      </div>
      {withDescription ? (
        <input
          className="input"
          aria-label={`${label} description`}
          placeholder="Description (optional)"
          maxLength={100}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
