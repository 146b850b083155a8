/** A task label; with `onRemove`, a × button that says which label it removes. */
export function LabelChip({ label, onRemove }: { label: string; onRemove?: () => void }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-brand-100 px-2 py-0.5 text-[11px] font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100">
      {label}
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove label ${label}`}
          className="rounded-full px-0.5 hover:bg-brand-500/20"
        >
          ×
        </button>
      ) : null}
    </span>
  );
}
