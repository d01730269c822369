// A join refused in a crowded minute (all phones of a venue share one address, and new
// phones per address are limited) is tried again by itself: a few seconds later, then less
// often, each phone at a random moment so that they do not all come back at once.
const FIRST_MS = 3000;
const LONGEST_MS = 60000;
let delay = FIRST_MS;

export function refusedForNow(answer) {
  return ['too_many_joins', 'too_many_wrong_codes', 'too_many_writes'].includes(answer.error);
}

export function retryLater(attempt) {
  setTimeout(attempt, delay * (1 + Math.random()));
  delay = Math.min(delay * 2, LONGEST_MS);
}

export function joinedNow() {
  delay = FIRST_MS;
}
