// The endorsement box of a project's page: the count against the pot's minimum and, during the
// session's endorsement stage, «Підтримати підписом» / withdraw for a signed-in resident.

import { api, ApiError } from '../api.js';
import { t, date } from '../i18n.js';
import { h, replace, ask, announce, problemBox } from '../dom.js';
import { endorsementStage, endorsementsText } from '../endorsements.js';

/** Statuses whose projects collect endorsements (`domain::endorsement::endorsable`). */
const ENDORSABLE = ['on_moderation', 'needs_revision', 'admitted'];

/** The box, or null when the project's session has no endorsement stage. */
export function endorsementBox(state) {
  const stage = endorsementStage(state.session);
  if (!stage) return null;
  const box = h('section', { class: 'vote-box endorse-box', 'aria-labelledby': 'endorse-title' });
  draw(state, box, stage);
  return box;
}

function draw(state, box, stage, { message, error } = {}) {
  const { ctx, p, session } = state;
  const title = h('h2', { id: 'endorse-title', tabindex: '-1' }, t('endorse-title'));
  const count = h('p', { class: 'vote-count endorse-count' }, endorsementsText(p));
  const reached = p.min_endorsements > 0 && p.endorsements >= p.min_endorsements
    ? h('p', { class: 'endorse-reached' }, t('endorse-reached')) : null;
  const status = h('div', { class: 'endorse-status' });
  if (message) status.append(h('p', { class: 'success' }, message));
  if (error) status.append(problemBox(error));
  if (error?.code === 'endorsement-too-young') {
    status.append(h('p', {}, h('a', { href: ctx.path('/me') }, t('endorse-profile'))));
  }
  const open = session.now.kind === 'stage' && session.now.stage === 'endorsement';
  const before = new Date(stage.opens_at) > new Date();
  const actions = [];
  if (!ENDORSABLE.includes(p.status)) {
    actions.push(h('p', { class: 'muted' }, t('endorse-not-endorsable')));
  } else if (!open) {
    actions.push(h('p', { class: 'muted' }, before
      ? t('endorse-from', { start: date(stage.start), end: date(stage.end) })
      : t('endorse-closed')));
  } else if (!ctx.user) {
    const next = location.pathname + location.search;
    actions.push(h('p', {}, t('endorse-open', { end: date(stage.end) })),
      h('a', {
        class: 'btn primary endorse-btn', href: `${ctx.path('/sign-in')}?next=${encodeURIComponent(next)}`,
        onclick: (ev) => { ev.preventDefault(); ctx.signIn(next); },
      }, t('endorse-sign-in')));
  } else if (state.isAuthor) {
    actions.push(h('p', { class: 'muted' }, t('endorse-own')));
  } else if (p.endorsed) {
    actions.push(h('p', { class: 'voted' }, h('span', { 'aria-hidden': 'true' }, '✓ '), t('endorse-done-mark')),
      h('button', { type: 'button', class: 'btn danger endorse-withdraw', onclick: (ev) => withdraw(state, box, stage, ev.currentTarget) }, t('endorse-withdraw')));
  } else {
    actions.push(h('p', {}, t('endorse-open', { end: date(stage.end) })),
      h('button', { type: 'button', class: 'btn primary endorse-btn', onclick: (ev) => endorse(state, box, stage, ev.currentTarget) }, t('endorse-button')));
  }
  replace(box, title, count, reached, status, ...actions);
  // The button the reader pressed is gone: keep their place at the box's heading.
  if (message || error) title.focus();
}

function take(state, tally) {
  state.p.endorsements = tally.endorsements;
  state.p.min_endorsements = tally.min_endorsements;
  state.p.endorsed = tally.endorsed;
}

async function endorse(state, box, stage, button) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    take(state, await api.post(state.ctx.cityApi(`/projects/${state.p.id}/endorsement`)));
    const message = t('endorse-done');
    draw(state, box, stage, { message });
    announce(message);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) { state.ctx.signIn(); return; }
    draw(state, box, stage, { error: err });
  }
}

async function withdraw(state, box, stage, button) {
  const ok = await ask({ title: t('endorse-withdraw-title'), text: t('endorse-withdraw-text'), confirmLabel: t('endorse-withdraw') });
  if (!ok) return;
  button.disabled = true;
  try {
    take(state, await api.del(state.ctx.cityApi(`/projects/${state.p.id}/endorsement`)));
    const message = t('endorse-withdrawn');
    draw(state, box, stage, { message });
    announce(message);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    draw(state, box, stage, { error: err });
  }
}
