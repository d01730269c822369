// The phase line and the countdown. The countdown runs from the moment the state arrived
// (performance.now()), never from the phone's wall clock: a wrong clock does not matter,
// and a reconnect brings a fresh state with a fresh remaining time.
import { $, show } from '../lib/dom.js';
import { formatSeconds, remainingSeconds } from '../lib/countdown.js';

export const PHASES = ['arrival', 'collect', 'organise', 'vote', 'next_steps', 'closing'];

export class PhaseClock {
  constructor(t) {
    this.t = t;
    this.timer = null;
    this.receivedAt = 0;
    this.phase = null;
    this.shown = '';
    setInterval(() => this.tick(), 250);
  }

  apply(state) {
    this.timer = state.timer;
    this.receivedAt = performance.now();
    if (state.phase !== this.phase) {
      this.phase = state.phase;
      const step = PHASES.indexOf(state.phase) + 1;
      $('phase-step').textContent = step
        ? this.t.phase_step.replace('{n}', step).replace('{total}', PHASES.length) : '';
      $('phase').textContent = this.t[`phase_${state.phase}`] || state.phase;
      $('phase-help').textContent = this.t[`help_${state.phase}`] || '';
      $('phase-box').dataset.phase = state.phase;
      show($('phase-box'), true);
    }
    this.shown = '';
    this.tick();
    this.announce();
  }

  // Seconds left, or null when no countdown is set.
  remaining() {
    return remainingSeconds(this.timer, this.receivedAt);
  }

  tick() {
    const left = this.remaining();
    show($('timer'), left !== null);
    if (left === null) return;
    const text = formatSeconds(left);
    if (text === this.shown) return;
    const wasUp = $('timer').dataset.state === 'done';
    this.shown = text;
    $('timer-value').textContent = text;
    const paused = !this.timer.running;
    show($('timer-paused'), paused);
    $('timer').dataset.state = paused ? 'paused' : (left > 0 ? 'running' : 'done');
    if (!paused && left <= 0 && !wasUp) $('timer-note').textContent = this.t.time_up;
  }

  // Told to screen readers once per change of the timer, not every second.
  announce() {
    const left = this.remaining();
    let note = '';
    if (left !== null && this.timer.running) note = this.t.timer_running.replace('{time}', formatSeconds(left));
    else if (left !== null) note = this.t.timer_paused.replace('{time}', formatSeconds(left));
    $('timer-note').textContent = note;
  }
}
