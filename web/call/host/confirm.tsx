/** "Are you sure?" for what cannot be undone (End for everyone, Remove). Cancel has focus. */
import { useState } from 'react';
import { t } from '../../join/ui.js';
import { Dialog } from '../controls/shortcuts.js';

export function ConfirmDialog(props: {
  question: string;
  confirm: string;
  onConfirm(): Promise<void>;
  onCancel(): void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog label={props.question} onClose={props.onCancel} className="confirm">
      <p>{props.question}</p>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={props.onCancel} autoFocus>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void props.onConfirm().finally(() => setBusy(false));
          }}
        >
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
