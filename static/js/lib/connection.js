// One Socket.IO connection with a visible status; every (re)connect calls onConnect,
// which rebuilds the screen from a fresh snapshot.
import { io } from '../../vendor/socket.io.esm.min.js';

export function connect({ onConnect, statusNode, t }) {
  const socket = io({
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    timeout: 10000,
  });
  const status = (state) => {
    if (!statusNode) return;
    statusNode.className = `status status-${state}`;
    statusNode.textContent = t[state] || state;
  };
  let revoked = null;  // why the server sent this screen away, once it did
  socket.on('connect', () => { status('online'); onConnect(socket); });
  socket.on('disconnect', () => status(revoked || 'offline'));
  socket.io.on('reconnect_attempt', () => status('reconnecting'));
  socket.on('connect_error', () => status('offline'));
  // The secret link of this screen (projector, island host) was renewed, or the
  // facilitator's login ended ({reason: 'signed_out'}): stop here.
  socket.on('revoked', (data) => {
    revoked = (data && data.reason === 'signed_out') ? 'signed_out' : 'revoked';
    socket.disconnect();
  });
  // The network is back (or the phone was unlocked): try now, not when the backoff says.
  // Closing the waiting manager cancels its timer; connect() opens a fresh one at once.
  const now = () => {
    if (socket.connected || revoked) return;
    socket.disconnect();
    socket.connect();
  };
  window.addEventListener('online', now);
  // The browser knows the network is gone: stop trying (each try fails and logs) until 'online'.
  window.addEventListener('offline', () => { if (!revoked) socket.disconnect(); status('offline'); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) now(); });
  return socket;
}
