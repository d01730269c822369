// On the facilitator's board: pin what the projector shows, and the overview across
// islands, kept current while its panel is open. Self-contained: plain form posts and a
// JSON endpoint, no part of the board's own script.
import { $ } from './lib/dom.js';
import { OverviewView } from './projector/overview.js';

const REFRESH_MS = 4000; // the overview while its panel is open
const box = $('projector-control');
const form = $('projector-pin');
const view = $('projector-view');
const island = $('projector-island');
const t = JSON.parse(box.dataset.strings || '{}');
let overview = null;

function showIsland() {
  island.hidden = view.value !== 'island';
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const status = $('projector-pinned');
  status.textContent = t.sending;
  try {
    const response = await fetch(form.action, {
      method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' },
    });
    const answer = await response.json();
    const shown = view.value === 'island' ? `${view.selectedOptions[0].text}: ${island.selectedOptions[0].text}` : view.selectedOptions[0].text;
    status.textContent = answer.ok ? t.pinned.replace('{view}', shown) : answer.message;
  } catch {
    status.textContent = t.offline;
  }
});
view.addEventListener('change', showIsland);
showIsland();

async function refresh() {
  const panel = $('overview-panel');
  if (!panel.open || document.hidden) return;
  try {
    const response = await fetch(box.dataset.overviewUrl, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    if (!overview) {
      overview = new OverviewView(t, { id: 'board-overview' });
      $('overview-panel-body').replaceChildren(overview.node);
    }
    overview.update(await response.json());
  } catch {
    // The board shows the connection state; the panel keeps its last numbers.
  }
}
$('overview-panel').addEventListener('toggle', refresh);
setInterval(refresh, REFRESH_MS);
