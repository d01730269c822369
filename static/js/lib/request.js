// Socket requests with an acknowledgement, without loading the Socket.IO client itself.
// Emit with an acknowledgement; resolves {ok:false, error:'timeout'} when none arrives.
export function request(socket, event, data, timeoutMs = 8000) {
  return new Promise((resolve) => {
    if (!socket) { resolve({ ok: false, error: 'timeout' }); return; } // not loaded yet
    socket.timeout(timeoutMs).emit(event, data, (err, answer) => {
      resolve(err ? { ok: false, error: 'timeout' } : answer);
    });
  });
}
