// The facilitator's live view of every island (with the cards' details).
import { startWall } from './lib/wall.js';

startWall({ watch: { event_id: Number(document.body.dataset.eventId) }, showDetail: true });
