// What every screen that shows projects shares: the status badge and directory names.

import { label, pick, t } from './i18n.js';
import { badge, h } from './dom.js';

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

/** Why the resident may not vote online (the session's `voter_eligibility`), and what to do. */
export function ineligibleNote(ctx, ineligible) {
  const kyivId = (ctx.meta?.sign_in_methods ?? []).includes('kyiv_id');
  return h('div', { class: 'notice vote-ineligible', 'data-code': ineligible.code },
    h('p', {}, h('strong', {}, t('eligibility-vote-refused'))),
    h('p', {}, ineligible.detail),
    kyivId ? h('p', {}, h('a', { class: 'btn kyiv-id-btn', href: `/api/v1/auth/kyiv-id/start?link=true&city=${encodeURIComponent(ctx.city.slug)}` }, t('eligibility-confirm-kyiv-id'))) : null,
    h('p', { class: 'hint' }, t('eligibility-paper-hint')));
}
