// The big countdown. Counts from the moment the state arrived (performance.now()),
// never from this computer's wall clock, which may be wrong.

import { formatSeconds, remainingSeconds } from '../lib/countdown.js';

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
    return remainingSeconds(this.timer, this.receivedAt);
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
