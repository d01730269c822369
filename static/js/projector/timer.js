// The big countdown. Counts from the moment the state arrived (performance.now()),
// never from this computer's wall clock, which may be wrong.

export function formatSeconds(total) {
  const s = Math.max(0, Math.ceil(total));
  const minutes = Math.floor(s / 60);
  const seconds = s % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export class Countdown {
  constructor({ box, digits, note, t }) {
    Object.assign(this, { box, digits, note, t });
    this.timer = null;
    this.receivedAt = 0;
    this.tick = null;
  }

  // timer: {running, remaining_s, duration_s}; receivedAt: performance.now() at receipt.
  set(timer, receivedAt = performance.now()) {
    this.timer = timer;
    this.receivedAt = receivedAt;
    clearInterval(this.tick);
    this.tick = null;
    if (timer && timer.running) this.tick = setInterval(() => this.render(), 250);
    this.render();
  }

  remaining() {
    const { timer } = this;
    if (!timer || timer.remaining_s === null || timer.remaining_s === undefined) return null;
    if (!timer.running) return timer.remaining_s;
    return Math.max(0, timer.remaining_s - (performance.now() - this.receivedAt) / 1000);
  }

  render() {
    const left = this.remaining();
    this.box.hidden = left === null;
    if (left === null) return;
    const paused = !this.timer.running;
    const over = !paused && left <= 0;
    this.digits.textContent = formatSeconds(left);
    this.note.textContent = paused ? this.t.paused : over ? this.t.time_up : this.t.time_left;
    this.box.classList.toggle('timer-paused', paused);
    this.box.classList.toggle('timer-over', over);
    this.box.classList.toggle('timer-soon', !paused && !over && left <= 60);
    this.box.dataset.state = paused ? 'paused' : over ? 'over' : 'running';
    if (over) { clearInterval(this.tick); this.tick = null; }
  }
}
