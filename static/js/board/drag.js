// Drag and drop (mouse and touch): into a group, out of it, or onto "new group".
// Every drag has a keyboard way too: the card's menu (into a group, out of it, new group).
import Sortable from '../../vendor/sortable.esm.js';

export function wireSortables(root, { onHold, onRelease, onDrop, onReorder }) {
  root.querySelectorAll('.drop-list').forEach((list) => {
    Sortable.create(list, {
      group: `case-${list.dataset.caseId}`,
      draggable: '.card',
      filter: 'button, input, select, textarea, label, form, .action-menu, .confirm',
      preventOnFilter: false,
      forceFallback: true,
      fallbackTolerance: 4,
      animation: 120,
      // A group far down a long column: the page scrolls while a card is held near an edge.
      scroll: true,
      bubbleScroll: true,
      scrollSensitivity: 90,
      scrollSpeed: 18,
      // From the moment a card is pressed, live updates wait: a re-render must not pull
      // the card out from under the facilitator's finger.
      onChoose: onHold,
      onUnchoose: onRelease,
      onAdd: (evt) => onDrop(Number(evt.item.dataset.cardId), evt.to.dataset),
      // Within one list the order is the cards' own (oldest first): put the card back.
      onUpdate: (evt) => onReorder(Number(evt.item.dataset.cardId)),
    });
  });
}
