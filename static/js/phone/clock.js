// The sticky phase line and the countdown. The countdown runs from the moment the state
// arrived (performance.now()), never from the phone's wall clock: a wrong clock does not matter,
// and a reconnect brings a fresh state with a fresh remaining time.
// The ticking digits are no live region; screen readers hear one sentence per change of the
// phase or the timer, and "Die Zeit ist um" once at 00:00.
import { $, show } from '../lib/dom.js';
import { formatSeconds, remainingSeconds } from '../lib/countdown.js';

export const PHASES = ['arrival', 'collect', 'organise', 'vote', 'next_steps', 'closing'];

export class PhaseClock {
  constructor(t, announce) {
    this.t = t;
    this.announce = announce;
    this.timer = null;
    this.receivedAt = 0;
    this.phase = null;
    this.shown = '';
    this.timerKey = null;
    setInterval(() => this.tick(), 250);
  }

  apply(state) {
    const first = this.phase === null;
    this.timer = state.timer;
    this.receivedAt = performance.now();
    const said = [];
    if (state.phase !== this.phase) {
      this.phase = state.phase;
      const step = PHASES.indexOf(state.phase) + 1;
      $('phase-step').textContent = step
        ? this.t.phase_step.replace('{n}', step).replace('{total}', PHASES.length) : '';
      $('phase').textContent = this.t[`phase_${state.phase}`] || state.phase;
      $('phase-help').textContent = this.t[`help_${state.phase}`] || '';
      $('phase-bar').dataset.phase = state.phase;
      show($('phase-bar'), true);
      show($('phase-help'), true);
      said.push(`${this.t.phase}: ${$('phase').textContent}. ${$('phase-help').textContent}`);
    }
    const timerNote = this.timerChange();
    if (timerNote) said.push(timerNote);
    this.shown = '';
    this.tick();
    if (!first && said.length) this.announce(said.join(' '));
  }

  // A sentence when the facilitator started, paused, reset or cleared the countdown; nothing
  // when a state arrives for another reason (the remaining time then only moved on as expected).
  timerChange() {
    const left = this.remaining();
    const running = left !== null && this.timer.running;
    const key = left === null ? 'none' : { running, end: running ? this.receivedAt / 1000 + left : left };
    const before = this.timerKey;
    this.timerKey = key;
    const same = before === key || (before?.end !== undefined && key?.end !== undefined
      && before.running === key.running && Math.abs(before.end - key.end) < 2);
    if (same || left === null) return '';
    if (left <= 0) return ''; // tick() says it, once
    const time = formatSeconds(left);
    return (running ? this.t.timer_running : this.t.timer_paused).replace('{time}', time);
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
    if (!paused && left <= 0 && !wasUp) this.announce(this.t.time_up);
  }
}
