'use client';

import { NameForm, SelectField } from '@taskomask/ui/form-fields';
import { useState } from 'react';
import { type CardType, explain } from '@/lib/api';

const cardTypes = (['Backlog', 'ToDo', 'Doing', 'Done'] as const).map((t) => ({
  value: t as CardType,
  label: t,
}));

function AddCardForm({
  onSubmit,
  onDone,
}: {
  onSubmit: (name: string, type: CardType) => Promise<void>;
  onDone?: () => void;
}) {
  const [type, setType] = useState<CardType>('ToDo');
  return (
    <NameForm
      label="Add card"
      placeholder="Card name, e.g. To do"
      describeError={explain}
      submit={({ name }) => onSubmit(name, type)}
      onDone={onDone}
      extra={<SelectField label="Card type" value={type} options={cardTypes} onChange={setType} />}
    />
  );
}

/** The board's last slot: a button that opens the add-card form (open at once on an empty board). */
export function AddCardSlot({
  openAtFirst,
  onSubmit,
}: {
  openAtFirst: boolean;
  onSubmit: (name: string, type: CardType) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="w-[85vw] shrink-0 sm:w-80">
      {open || openAtFirst ? (
        <div className="panel space-y-2 p-4" data-testid="add-card-panel">
          <div className="flex items-center">
            <h2 className="flex-1 text-sm font-semibold">New column</h2>
            {openAtFirst ? null : (
              <button
                type="button"
                className="btn-ghost px-2 py-1 text-xs"
                onClick={() => setOpen(false)}
              >
                Cancel
              </button>
            )}
          </div>
          <AddCardForm
            onSubmit={onSubmit}
            onDone={openAtFirst ? undefined : () => setOpen(false)}
          />
        </div>
      ) : (
        <button
          type="button"
          className="btn-ghost w-full justify-start"
          onClick={() => setOpen(true)}
        >
          + Add a card
        </button>
      )}
    </div>
  );
}
