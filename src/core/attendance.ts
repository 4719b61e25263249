/**
 * Who was in a call: one record per session in the room (from LiveKit's webhooks).
 */
export interface AttendanceRecord {
  /** LiveKit's participant session id: unique per join, so retried webhooks are harmless. */
  sessionId: string;
  linkId: string;
  identity: string;
  name: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface AttendanceView {
  identity: string;
  name: string;
  joinedAt: string;
  leftAt: string | null;
  /** Whole seconds in the call; up to now for someone still in it. */
  durationSeconds: number;
}

export function viewAttendance(r: AttendanceRecord, now: Date): AttendanceView {
  const end = r.leftAt ?? now;
  return {
    identity: r.identity,
    name: r.name,
    joinedAt: r.joinedAt.toISOString(),
    leftAt: r.leftAt ? r.leftAt.toISOString() : null,
    durationSeconds: Math.max(0, Math.round((end.getTime() - r.joinedAt.getTime()) / 1000)),
  };
}
