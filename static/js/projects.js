// What every screen that shows projects shares: the status badge and directory names.

import { label, pick } from './i18n.js';
import { badge } from './dom.js';

const BADGE_KINDS = {
  admitted: 'ok', winner: 'ok', implemented: 'ok', in_progress: 'ok',
  on_moderation: 'warn', needs_revision: 'warn', rejected: 'bad', not_implemented: 'bad',
};

/** A project's status as a badge, coloured by what it means for the project. */
export function statusBadge(status) {
  return badge(label('project-status', status), BADGE_KINDS[status] || '');
}

/** The name of a directory entry (`{id, name}`) by id, in the reader's language. */
export function nameOf(list, id) {
  return pick((list || []).find((x) => x.id === id)?.name);
}
