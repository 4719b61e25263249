/**
 * The chat side panel: messages with sender names (text only, never HTML), the box labelled
 * "Message", the host's switch, and a line saying chat is encrypted (E2EE calls) or off.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { t } from '../../join/ui.js';
import { useSession } from '../session.js';
import { MAX_MESSAGE_LENGTH } from '../state/chat.js';
import { useStore } from '../state/store.js';

export function ChatPanel({ onClose }: { onClose(): void }) {
  const { chat, signals, room, encrypted, hostKey } = useSession();
  const messages = useStore(chat.messages);
  const enabled = useStore(signals.chatEnabled);
  const slow = useStore(chat.slowDown);
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const list = useRef<HTMLOListElement>(null);
  const me = room.localParticipant.identity;

  useEffect(() => {
    chat.setOpen(true);
    return () => chat.setOpen(false);
  }, [chat]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [messages.length]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await chat.send(draft)) setDraft('');
  };

  return (
    <section className="panel chat-panel" aria-labelledby="chat-title">
      <header className="panel-head">
        <h2 id="chat-title">{t('chat_title')}</h2>
        <button type="button" className="quiet" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      {encrypted && <p className="panel-note">{t('chat_encrypted')}</p>}
      {hostKey && (
        <button
          type="button"
          className="secondary"
          onClick={() => void signals.setChatEnabled(!enabled)}
        >
          {t(enabled ? 'chat_turn_off' : 'chat_turn_on')}
        </button>
      )}
      <ol className="messages" ref={list} aria-label={t('chat_title')}>
        {messages.length === 0 && <li className="panel-note">{t('chat_empty')}</li>}
        {messages.map((m) => (
          <li key={m.id} className={m.identity === me ? 'mine' : undefined} data-message={m.id}>
            <span className="sender">{m.identity === me ? `${m.name} ${t('you')}` : m.name}</span>
            <span className="text">{m.text}</span>
          </li>
        ))}
      </ol>
      {!enabled && <p className="panel-note warn-line">{t('chat_off')}</p>}
      {slow && (
        <p className="panel-note warn-line" role="status">
          {t('chat_slow')}
        </p>
      )}
      <form className="chat-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="sr-only">
          {t('message_label')}
        </label>
        <input
          id={inputId}
          value={draft}
          maxLength={MAX_MESSAGE_LENGTH}
          disabled={!enabled}
          autoComplete="off"
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={!enabled}>
          {t('send')}
        </button>
      </form>
    </section>
  );
}
