// The facilitator's session controls: phases, timer, rotation (with an inline "really?").
import { $ } from '../lib/dom.js';

export function wireRunControls({ call, announce, t, timer }) {
  document.querySelectorAll('.phase-button').forEach((button) => {
    button.addEventListener('click', async () => {
      const answer = await call('run', { action: 'phase', phase: button.dataset.phase });
      if (answer.ok) announce(`${t.done_phase}: ${t[`phase_${button.dataset.phase}`]}`);
    });
  });
  const timerForm = $('timer-form');
  if (!timerForm) return;
  const timerCall = async (action, seconds) => {
    const answer = await call('run', { action: 'timer', timer: action, seconds });
    if (answer.ok) announce(t[`done_timer_${action}`]);
  };
  timerForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const now = timer();
    const paused = now && !now.running && now.remaining_s != null;
    timerCall('start', paused ? undefined : Number($('timer-minutes').value) * 60);
  });
  timerForm.querySelectorAll('button[type=button]').forEach((button) => {
    button.addEventListener('click', () => timerCall(button.dataset.timer));
  });
  const confirm = $('rotate-confirm');
  const rotate = $('rotate');
  rotate.addEventListener('click', () => {
    confirm.hidden = false;
    $('rotate-no').focus();
  });
  const close = () => { confirm.hidden = true; rotate.focus(); };
  $('rotate-no').addEventListener('click', close);
  confirm.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') close(); });
  $('rotate-yes').addEventListener('click', async () => {
    const answer = await call('run', { action: 'rotate' });
    close();
    if (answer.ok) announce(t.done_rotate);
  });
}
