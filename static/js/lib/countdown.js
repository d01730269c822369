// The countdown trusts the server's remaining seconds, counted from the moment the state
// arrived (performance.now()), never this device's wall clock, which may be wrong.

// Seconds left, or null when no countdown is set.
export function remainingSeconds(timer, receivedAt) {
  if (!timer || timer.remaining_s === null || timer.remaining_s === undefined) return null;
  const gone = timer.running ? (performance.now() - receivedAt) / 1000 : 0;
  return Math.max(0, timer.remaining_s - gone);
}

export function formatSeconds(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const pad = (n) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}
