/** Which side panel is open: chat, the participant list, or none. */
export type Panel = 'chat' | 'people' | null;
