// Snapshots on the wire: the server deflates a large one when the phone can inflate it, and
// sends only what changed when the phone names the seq of its last snapshot of that island.
export const canInflate = typeof DecompressionStream === 'function';

export async function snapshotOf(answer) {
  if (!answer.snapshot_z) return answer.snapshot;
  const stream = new Blob([answer.snapshot_z]).stream().pipeThrough(new DecompressionStream('deflate'));
  return JSON.parse(await new Response(stream).text());
}
