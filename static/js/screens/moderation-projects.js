// The projects' moderation queue (longest waiting first, with waiting times) and one project's
// moderation card: what it is, its history, and the status changes a moderator may make, with
// the comment the author receives (required where the rules require it).

import { api } from '../api.js';
import { t, pick, label, money, dateTime, duration, percentText } from '../i18n.js';
import { h, replace, field, ask, announce, problemBox, badge } from '../dom.js';
import { statusBadge, nameOf } from '../projects.js';
import { showsEndorsements, endorsementsText, belowMinimum } from '../endorsements.js';
import { canAct, query, tabHref, observerNote, pager, facts, renderedHtml, flash, dataTable } from './moderation-util.js';

/** Statuses a queue can show (drafts are their authors' own). */
const STATUSES = ['on_moderation', 'needs_revision', 'admitted', 'rejected', 'withdrawn', 'winner',
  'not_selected', 'in_progress', 'implemented', 'not_implemented'];

/** The steps a moderator may take from a status (the API checks the stage of the session too). */
const ACTIONS = {
  on_moderation: ['admit', 'return_for_revision', 'reject'],
  winner: ['start_implementation', 'mark_not_implemented'],
  in_progress: ['mark_implemented', 'mark_not_implemented'],
};
/** Steps that need a comment (`Action::needs_comment`). */
const NEEDS_COMMENT = new Set(['return_for_revision', 'reject', 'mark_not_implemented']);

const PAGE = 20;

export async function projectsTab(ctx) {
  const q = query();
  const id = Number(q.get('project'));
  if (id) return projectCard(ctx, id);
  return queue(ctx, q);
}

async function queue(ctx, q) {
  const status = STATUSES.includes(q.get('status')) ? q.get('status') : 'on_moderation';
  const text = q.get('q') || '';
  const offset = Math.max(0, Number(q.get('offset')) || 0);
  const page = await api.get(ctx.cityApi('/moderation/projects'), { status, q: text, limit: PAGE, offset });
  const ids = [...new Set(page.items.map((p) => p.session_id))];
  const details = new Map(await Promise.all(ids.map(async (sid) => [sid, await sessionDetails(ctx, sid)])));

  const filter = h('form', { class: 'mod-filter', role: 'search', 'aria-label': t('mod-queue-filter') },
    field({ label: t('mod-queue-status'), name: 'status', type: 'select', value: status,
      options: STATUSES.map((s) => [s, label('project-status', s)]) }),
    field({ label: t('mod-queue-search'), name: 'q', type: 'search', value: text }),
    h('button', { type: 'submit', class: 'btn' }, t('mod-queue-show')));
  filter.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate(tabHref(ctx, 'projects', { status: filter.elements.status.value, q: filter.elements.q.value.trim() }));
  });
  // Changing the status shows its queue at once.
  filter.elements.status.addEventListener('change', () => filter.requestSubmit());

  const items = page.items.map((p) => h('li', { class: 'card mod-queue-item' },
    h('h3', {}, h('a', { href: tabHref(ctx, 'projects', { project: p.id }) }, p.title)),
    h('p', { class: 'mod-queue-meta' },
      statusBadge(p.status), ' ',
      h('strong', { class: 'mod-waiting' }, t('mod-queue-waiting', { time: duration(p.waiting_seconds) }))),
    facts([
      [t('mod-project-cost'), money(p.cost)],
      [t('mod-project-pot'), nameOf(details.get(p.session_id)?.pots, p.pot_id)],
      [t('mod-project-category'), nameOf(ctx.city.categories, p.category_id)],
      [t('mod-project-district'), p.district_id ? nameOf(ctx.city.districts, p.district_id) : t('mod-project-citywide')],
      [t('endorse-mod-label'), showsEndorsements(details.get(p.session_id), p) ? endorsements(p) : null],
    ], 'mod-facts compact'),
    h('p', { class: 'muted mod-since' }, t('mod-project-id', { id: p.id }), ' · ',
      t('mod-queue-since', { date: dateTime(p.status_changed_at, ctx.city.time_zone) }))));

  return [
    h('h2', {}, t('mod-queue-title')),
    observerNote(ctx),
    filter,
    h('p', { class: 'mod-count', role: 'status' }, t('mod-queue-count', { status: label('project-status', status), count: page.total })),
    items.length ? h('ol', { class: 'mod-queue' }, items) : h('p', { class: 'empty' }, t('mod-queue-empty')),
    pager(page, (o) => tabHref(ctx, 'projects', { status, q: text, offset: o || null })),
  ];
}

/** One project's moderation card; redrawn in place after a decision. */
async function projectCard(ctx, id) {
  const root = h('div', { class: 'mod-project' });
  await fillCard(ctx, root, id, null);
  return root;
}

async function fillCard(ctx, root, id, notice) {
  const p = await api.get(ctx.cityApi(`/projects/${id}`));
  const session = await sessionDetails(ctx, p.session_id);
  const status = h('div', { class: 'mod-decision-status' });
  const waitedSince = p.status_changed_at;

  const decision = h('section', { class: 'card mod-decision', 'aria-labelledby': 'mod-decision-title' },
    h('h3', { id: 'mod-decision-title' }, t('mod-decision')),
    h('p', {}, statusBadge(p.status), ' ',
      h('span', { class: 'muted' }, t('mod-queue-since', { date: dateTime(waitedSince, ctx.city.time_zone) }))),
    p.status_comment ? h('div', { class: 'mod-last-comment' },
      h('p', { class: 'muted' }, t('mod-project-last-comment')), h('blockquote', {}, p.status_comment)) : null,
    status,
    canAct(ctx) ? decisionButtons(ctx, root, p, status) : null);

  const estimate = p.items.length ? dataTable([
    [t('mod-project-item'), (l) => l.name],
    [t('mod-project-quantity'), (l) => String(l.quantity)],
    [t('mod-project-unit-price'), (l) => money(l.unit_price)],
    [t('mod-project-line-total'), (l) => money(l.total)],
  ], p.items, { caption: t('mod-project-estimate') }) : null;
  if (estimate) {
    const tfoot = h('tfoot', {},
      p.reserve ? h('tr', {}, h('th', { scope: 'row', colspan: '3' }, t('cost-subtotal')), h('td', {}, money(p.subtotal))) : null,
      p.reserve ? h('tr', {}, h('th', { scope: 'row', colspan: '3' }, t('cost-reserve-line', { percent: percentText(p.reserve.percent) })), h('td', {}, money(p.reserve.amount))) : null,
      h('tr', {}, h('th', { scope: 'row', colspan: '3' }, t('mod-project-total')), h('td', {}, h('strong', {}, money(p.cost)))));
    estimate.querySelector('table').append(tfoot);
    for (const row of estimate.querySelectorAll('tr')) {
      for (const cell of [...row.children].slice(-3)) if (cell.tagName === 'TD' || cell.closest('thead')) cell.classList.add('num');
    }
  }

  const history = h('ol', { class: 'mod-history' }, p.history.map((e) => h('li', {},
    h('span', { class: 'muted' }, dateTime(e.at, ctx.city.time_zone)), ' ',
    e.from ? t('mod-project-history-line', { from: label('project-status', e.from), to: label('project-status', e.to) })
      : t('mod-project-history-created', { to: label('project-status', e.to) }),
    e.comment ? h('blockquote', {}, e.comment) : null)));

  replace(root,
    h('p', {}, h('a', { href: tabHref(ctx, 'projects', { status: p.status }) }, t('mod-back-to-queue'))),
    h('h2', {}, p.title),
    h('p', { class: 'mod-project-links' },
      h('span', { class: 'muted' }, t('mod-project-id', { id: p.id })), ' · ',
      h('a', { href: ctx.path(`/projects/${p.id}`) }, t('mod-project-public'))),
    notice ? flash(notice) : null,
    observerNote(ctx),
    h('div', { class: 'mod-project-grid' },
      decision,
      h('div', { class: 'mod-project-body' },
        facts([
          [t('mod-project-author'), p.author],
          [t('mod-project-submitted'), p.submitted_at ? dateTime(p.submitted_at, ctx.city.time_zone) : null],
          [t('mod-session'), session ? pick(session.name) : null],
          [t('mod-project-pot'), session ? nameOf(session.pots, p.pot_id) : null],
          [t('mod-project-category'), nameOf(ctx.city.categories, p.category_id)],
          [t('mod-project-district'), p.district_id ? nameOf(ctx.city.districts, p.district_id) : t('mod-project-citywide')],
          [t('mod-project-cost'), money(p.cost)],
          [t('endorse-mod-label'), showsEndorsements(session, p) ? endorsements(p) : null],
          [t('mod-project-address'), p.address],
          [t('mod-project-beneficiaries'), p.beneficiaries],
          [t('mod-project-notes'), p.implementation_notes],
        ]),
        h('h3', {}, t('mod-project-description')),
        renderedHtml(p.description_html),
        estimate,
        p.images.length ? [h('h3', {}, t('mod-project-images')),
          h('ul', { class: 'mod-images' }, p.images.map((f) => h('li', {},
            h('a', { href: f.url, target: '_blank', rel: 'noopener' }, h('img', { src: f.url, alt: f.name, loading: 'lazy' })))))] : null,
        p.documents.length ? [h('h3', {}, t('mod-project-documents')),
          h('ul', {}, p.documents.map((f) => h('li', {}, h('a', { href: f.url, target: '_blank', rel: 'noopener' }, f.name))))] : null,
        p.history.length ? [h('h3', {}, t('mod-project-history')), history] : null)));
  if (notice) root.querySelector('[role=status]')?.focus();
}

/** Endorsements against the pot's minimum, flagged when too few to admit. */
function endorsements(p) {
  return belowMinimum(p)
    ? h('span', { class: 'mod-endorsements' }, endorsementsText(p), ' ', badge(t('endorse-mod-below'), 'warn'))
    : h('span', { class: 'mod-endorsements' }, endorsementsText(p));
}

const sessions = new Map();
/** A session's details (its pots' names), read once per page load. */
async function sessionDetails(ctx, id) {
  if (!sessions.has(id)) {
    sessions.set(id, api.get(ctx.cityApi(`/sessions/${id}`)).catch(() => null));
  }
  return sessions.get(id);
}

function decisionButtons(ctx, root, p, status) {
  const actions = ACTIONS[p.status] || [];
  if (!actions.length) return h('p', { class: 'muted' }, t('mod-decision-none', { status: label('project-status', p.status) }));
  const hintNeeded = actions.some((a) => NEEDS_COMMENT.has(a));
  return [
    h('div', { class: 'actions mod-actions' }, actions.map((a) => {
      const code = a.replaceAll('_', '-');
      const cls = a === 'admit' || a === 'start_implementation' || a === 'mark_implemented' ? 'btn primary'
        : a === 'reject' || a === 'mark_not_implemented' ? 'btn danger' : 'btn';
      return h('button', {
        type: 'button', class: cls, dataset: { action: a },
        onclick: () => decide(ctx, root, p, a, status),
      }, t(`mod-action-${code}`));
    })),
    hintNeeded ? h('p', { class: 'hint' }, t('mod-decision-hint')) : null,
  ];
}

async function decide(ctx, root, p, action, status) {
  const code = action.replaceAll('_', '-');
  const required = NEEDS_COMMENT.has(action);
  const answer = await ask({
    title: t(`mod-action-${code}`),
    text: t(`mod-action-${code}-text`, { title: p.title }),
    confirmLabel: t(`mod-action-${code}`),
    comment: t(required ? 'mod-comment-required' : 'mod-comment-optional'),
    commentRequired: required,
  });
  if (!answer) return;
  status.replaceChildren();
  try {
    const changed = await api.post(ctx.cityApi(`/projects/${p.id}/status`), { action, comment: answer.comment });
    const text = t('mod-status-changed', { status: label('project-status', changed.status) });
    announce(text);
    await fillCard(ctx, root, p.id, text);
  } catch (err) {
    const box = problemBox(err);
    box.setAttribute('tabindex', '-1');
    status.replaceChildren(box);
    box.focus();
  }
}
