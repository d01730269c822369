// A countdown that trusts the server's remaining seconds, not this device's clock.

export function countdown(timer) {
  const receivedAt = performance.now();
  return {
    running: Boolean(timer && timer.running),
    set: timer != null && timer.remaining_s != null,
    remaining() {
      if (!this.set) return null;
      const elapsed = this.running ? (performance.now() - receivedAt) / 1000 : 0;
      return Math.max(0, Math.round(timer.remaining_s - elapsed));
    },
  };
}

export function formatSeconds(total) {
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return `${minutes}:${seconds}`;
}
