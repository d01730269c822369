// The projector: read-only wall, joined by its secret token.
import { startWall } from './lib/wall.js';

startWall({ watch: { projector_token: document.body.dataset.projectorToken } });
