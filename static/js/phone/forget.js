// "Meine Daten löschen": after an inline confirmation the server deletes this phone's
// profile, cards and dots. The phone then forgets its token and stays offline: a reconnect
// would join again as somebody new.
import { $, show } from '../lib/dom.js';

export function setupForget(app, tokenKey) {
  const open = $('forget-open');
  const confirmBox = $('forget-confirm');
  const yes = $('forget-yes');

  function asking(visible) {
    show(confirmBox, visible);
    show(open, !visible);
    (visible ? $('forget-no') : open).focus();
  }

  open.addEventListener('click', () => asking(true));
  $('forget-no').addEventListener('click', () => asking(false));
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    const answer = await app.request('forget_me', {});
    yes.disabled = false;
    if (!answer.ok) { app.message(answer.error === 'timeout' ? app.t.offline : answer.message); return; }
    localStorage.removeItem(tokenKey);
    app.outbox.items.forEach((item) => app.outbox.remove(item.client_id));
    app.state.event = null; // nothing left to render
    app.socket.disconnect();
    show($('status'), false); // offline on purpose, not "trying again"
    app.message('');
    document.querySelectorAll('#main > section:not(#forget)').forEach((node) => show(node, false));
    show(confirmBox, false);
    show($('forget-done'), true);
    $('forget-done').focus();
  });
}
