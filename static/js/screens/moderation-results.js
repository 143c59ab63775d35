// A session's results: computed by the session's rule once voting has closed, reviewed pot by
// pot (winners, votes, costs, ties), then published (with a confirmation: it cannot be undone).

import { api } from '../api.js';
import { t, pick, money, number, dateTime } from '../i18n.js';
import { h, replace, ask, announce, badge, problemBox } from '../dom.js';
import { canAct, observerNote, chosenSession, sessionChooser, facts, flash, dataTable } from './moderation-util.js';
import { approvalSection } from './results-approval.js';

export async function resultsTab(ctx) {
  const session = await chosenSession(ctx);
  if (!session) return [h('h2', {}, t('mod-tab-results')), h('p', { class: 'notice' }, t('mod-no-session'))];
  const root = h('div', { class: 'mod-results' });
  await fill(ctx, root, session, null);
  return root;
}

async function fill(ctx, root, session, notice) {
  const r = await api.get(ctx.cityApi(`/sessions/${session.id}/results`));
  const tz = ctx.city.time_zone;
  const status = h('div', { class: 'mod-results-status' });
  const computed = Boolean(r.computed_at);
  const published = Boolean(r.published_at);
  const buttons = [];
  if (canAct(ctx) && !published) {
    buttons.push(h('button', { type: 'button', class: computed ? 'btn' : 'btn primary', id: 'mod-compute',
      onclick: () => compute(ctx, root, session, status, computed) }, t(computed ? 'mod-results-recompute' : 'mod-results-compute')));
    if (computed) {
      buttons.push(h('button', { type: 'button', class: 'btn primary', id: 'mod-publish',
        onclick: () => publish(ctx, root, session, status) }, t('mod-results-publish')));
    }
  }
  replace(root,
    h('h2', {}, t('mod-results-title', { session: pick(session.name) })),
    sessionChooser(ctx, 'results', session),
    notice ? flash(notice) : null,
    observerNote(ctx),
    h('p', { class: 'lead' }, t('mod-results-lead')),
    h('div', { class: 'mod-results-head' },
      h('p', {}, computed ? t('mod-results-computed-at', { date: dateTime(r.computed_at, tz) }) : t('mod-results-not-computed')),
      h('p', {}, published
        ? [t('mod-results-published-at', { date: dateTime(r.published_at, tz) }), ' · ', h('a', { href: ctx.path('/results') }, t('mod-results-public-link'))]
        : t('mod-results-not-published'))),
    buttons.length ? h('div', { class: 'actions' }, buttons) : null,
    status,
    computed ? approvalSection(ctx, session, r, () => fill(ctx, root, session, null)) : null,
    r.pots.map((pot) => potSection(ctx, session, pot)));
  if (notice) root.querySelector('[role=status]')?.focus();
}

function potSection(ctx, session, pot) {
  const potName = pick(session.pots.find((p) => p.id === pot.pot_id)?.name) || String(pot.pot_id);
  const titleId = `mod-pot-${pot.pot_id}`;
  // Ties: projects sharing a number of votes; at the boundary when winners and others share it.
  const byVotes = new Map();
  for (const row of pot.rows) {
    const list = byVotes.get(row.votes) || [];
    list.push(row);
    byVotes.set(row.votes, list);
  }
  const tied = (row) => byVotes.get(row.votes).length > 1;
  const boundary = [...byVotes.entries()].find(([, rows]) => rows.some((x) => x.selected) && rows.some((x) => !x.selected));
  const perHead = pot.rows.some((x) => x.per_head);
  const cols = [
    [t('mod-results-place'), (x) => String(pot.rows.indexOf(x) + 1)],
    [t('mod-results-project'), (x) => h('a', { href: ctx.path(`/projects/${x.project_id}`) }, x.title)],
    [t('mod-results-votes'), (x) => [number(x.votes), tied(x)
      ? h('span', { class: 'badge warn mod-tie', title: t('mod-results-tie-title', { votes: number(x.votes) }) }, t('mod-results-tie')) : null]],
    [t('mod-results-cost'), (x) => money(x.cost)],
    [t('mod-results-outcome'), (x) => x.selected ? badge(t('mod-results-winner'), 'ok') : badge(t('mod-results-not-selected'))],
  ];
  if (perHead) cols.push([t('mod-results-per-head'), (x) => x.per_head ? money(x.per_head) : '']);
  const tbl = pot.rows.length ? dataTable(cols, pot.rows, { caption: t('mod-results-pot', { pot: potName }) }) : h('p', { class: 'empty' }, t('mod-results-no-rows'));
  if (pot.rows.length) {
    tbl.querySelector('table').classList.add('mod-results-table');
    // The pot's heading says it already; the caption stays for the table's name.
    tbl.querySelector('caption')?.classList.add('visually-hidden');
    const trs = tbl.querySelectorAll('tbody tr');
    pot.rows.forEach((x, i) => { if (x.selected) trs[i].classList.add('selected'); });
    for (const tr of tbl.querySelectorAll('tr')) {
      for (const i of [0, 2, 3]) tr.children[i]?.classList.add('num');
    }
  }
  return h('section', { class: 'mod-pot', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, t('mod-results-pot', { pot: potName })),
    h('p', {}, pot.explanation),
    facts([
      [t('mod-results-rule'), pot.rule],
      [t('mod-results-budget'), money(pot.budget)],
      [t('mod-results-spent'), money(pot.spent)],
      [t('mod-results-left'), money(pot.left)],
      [t('mod-results-voters'), number(pot.voters)],
      [t('mod-results-min-votes'), pot.min_votes != null ? number(pot.min_votes) : null],
    ], 'mod-facts compact'),
    boundary ? h('p', { class: 'warning' }, t('mod-results-boundary-tie', { votes: number(boundary[0]) })) : null,
    tbl);
}

async function compute(ctx, root, session, status, again) {
  if (again) {
    const ok = await ask({ title: t('mod-results-recompute-title'), text: t('mod-results-recompute-text'), confirmLabel: t('mod-results-recompute') });
    if (!ok) return;
  }
  await act(ctx, root, session, status, 'compute', t('mod-results-computed'));
}

async function publish(ctx, root, session, status) {
  const ok = await ask({ title: t('mod-results-publish-title'), text: t('mod-results-publish-text'), confirmLabel: t('mod-results-publish') });
  if (!ok) return;
  await act(ctx, root, session, status, 'publish', t('mod-results-published'));
}

async function act(ctx, root, session, status, step, done) {
  replace(status);
  for (const b of root.querySelectorAll('.actions button')) b.disabled = true;
  try {
    await api.post(ctx.cityApi(`/sessions/${session.id}/results/${step}`), {});
    announce(done);
    await fill(ctx, root, session, done);
  } catch (err) {
    for (const b of root.querySelectorAll('.actions button')) b.disabled = false;
    const box = problemBox(err);
    box.setAttribute('tabindex', '-1');
    replace(status, box);
    box.focus();
  }
}
