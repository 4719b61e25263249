/**
 * "Are you sure?" for what cannot be undone (End for everyone, Remove). Cancel has focus. An
 * action that fails says so in the dialog, which stays open to try again.
 */
import { useState } from 'react';
import { t } from '../../join/ui.js';
import { Dialog } from '../controls/shortcuts.js';

export function ConfirmDialog(props: {
  question: string;
  confirm: string;
  /** Said in the dialog, which stays open to try again, when onConfirm fails. */
  failed: string;
  onConfirm(): Promise<void>;
  onCancel(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <Dialog label={props.question} onClose={props.onCancel} className="confirm">
      <p>{props.question}</p>
      {failed && (
        <p className="dialog-error" role="alert">
          {props.failed}
        </p>
      )}
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
            setFailed(false);
            void props
              .onConfirm()
              .catch(() => setFailed(true))
              .finally(() => setBusy(false));
          }}
        >
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
