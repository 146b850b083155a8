'use client';

import { type FormEvent, type ReactNode, useState } from 'react';

/**
 * A one-line create form: a name (3–50 characters) and an optional description. `submit` does the
 * work; when it throws, `describeError` turns the error into the sentence shown under the form.
 */
export function NameForm({
  label,
  placeholder,
  submit,
  describeError,
  onDone,
  withDescription = false,
  extra,
}: {
  label: string;
  placeholder: string;
  submit: (values: { name: string; description: string }) => Promise<unknown>;
  describeError: (error: unknown) => string;
  onDone?: () => void;
  withDescription?: boolean;
  extra?: ReactNode;
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
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" aria-label={label}>
      <div className="flex flex-wrap gap-2">
        <input
          className="input min-w-0 grow basis-44"
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

/** A `<select>` of fixed options, styled as the app's inputs. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  className = 'input w-auto',
  disabled,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <select
      className={className}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as T)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** An edit form's buttons: submit (`saveLabel`) and Cancel, side by side. */
export function SaveCancel({
  saveLabel = 'Save',
  onCancel,
}: {
  saveLabel?: string;
  onCancel: () => void;
}) {
  return (
    <div className="flex gap-2">
      <button type="submit" className="btn-primary">
        {saveLabel}
      </button>
      <button type="button" className="btn-ghost" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
