/**
 * Keyboard shortcuts (ignored while typing in a field) and the `?` sheet that lists them.
 * Leave needs Shift+L, so a stray key never drops anyone out of a call.
 */
import { useEffect, useRef } from 'react';
import { t, type StringKey } from '../../join/ui.js';

export interface ShortcutActions {
  mute(): void;
  camera(): void;
  hand(): void;
  chat(): void;
  leave(): void;
  help(): void;
}

export const SHORTCUTS: { keys: string; label: StringKey; action: keyof ShortcutActions }[] = [
  { keys: 'M', label: 'key_mute', action: 'mute' },
  { keys: 'V', label: 'key_camera', action: 'camera' },
  { keys: 'H', label: 'key_hand', action: 'hand' },
  { keys: 'C', label: 'key_chat', action: 'chat' },
  { keys: 'Shift+L', label: 'key_leave', action: 'leave' },
  { keys: '?', label: 'key_help', action: 'help' },
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el?.closest?.('input, textarea, select, [contenteditable="true"]'));
}

export function useShortcuts(actions: ShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
      const key = e.key;
      const a = latest.current;
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (key === '?') return run(a.help);
      if (key === 'L' && e.shiftKey) return run(a.leave);
      if (e.shiftKey) return;
      if (key === 'm' || key === 'M') return run(a.mute);
      if (key === 'v') return run(a.camera);
      if (key === 'h') return run(a.hand);
      if (key === 'c') return run(a.chat);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

/** A modal <dialog>: focus moves into it, Escape closes it, focus returns where it was. */
export function Dialog(props: {
  label: string;
  onClose(): void;
  children: React.ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => before?.focus?.();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${props.className ?? ''}`}
      aria-label={props.label}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}

export function HelpSheet({ onClose }: { onClose(): void }) {
  return (
    <Dialog label={t('shortcuts')} onClose={onClose}>
      <h2>{t('shortcuts')}</h2>
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} autoFocus>
        {t('close')}
      </button>
    </Dialog>
  );
}
