// The moderators' side of the commission (ГБК) elections: the queue of candidate applications
// (longest waiting first), one application with its personal data, texts, documents and
// history, the decisions (admit to round 1, reject with a required comment, delete), and the
// tie decision when round 2 leaves candidates tied for the last seats.
//
// Mounted by moderation.js as the «Кандидати до ГБК» tab of /cities/:city/moderation/candidates:
//
//   export async function candidatesQueue(ctx) → Promise<Node[]>
//     Draws the tab's content (its own <h2>, under the moderation page's <h1> and tabs). It reads
//     the page's query string: `?status=<code>` picks the applications shown (default
//     `on_moderation`); `?candidate=<id>` opens one application. Links keep the page's path.
//   export async function candidatesTab(ctx, container) → Promise<void>
//     The same, drawn into `container`.
//   export function tieForm(ctx, election, standings) → Node | null
//     The tie decision form (also shown on the election page to moderators).
//
// Observers see everything without the buttons that change anything.

import { api, ApiError } from '../api.js';
import { t, label, dateTime, duration } from '../i18n.js';
import { h, replace, field, form, ask, announce, problemBox, useStyle } from '../dom.js';
import {
  findElection, electionApi, statusBadge, summary, historyBlock, setFlash, takeFlash,
} from './elections.js';

const STYLE = '/css/elections.css';
const STATUSES = ['on_moderation', 'rejected', 'deleted', 'round1', 'round2', 'not_advanced', 'elected', 'not_elected'];

function here(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const qs = q.toString();
  return `${location.pathname}${qs ? `?${qs}` : ''}`;
}

/** The «Кандидати до ГБК» tab drawn into `container`. */
export async function candidatesTab(ctx, container) {
  replace(container, await candidatesQueue(ctx));
}

/** The queue of candidate applications, or one of them (`?candidate=<id>`). */
export async function candidatesQueue(ctx) {
  useStyle(STYLE);
  const head = h('h2', {}, t('ecmod-title'));
  const found = await findElection(ctx);
  if (!found?.election) {
    return [head, h('p', { class: 'empty' }, t(found?.disabled ? 'election-page-disabled' : 'ecmod-no-election'))];
  }
  const e = found.election;
  const q = new URLSearchParams(location.search);
  const status = STATUSES.includes(q.get('status')) ? q.get('status') : 'on_moderation';
  const id = Number(q.get('candidate'));
  const electionLink = h('p', {}, h('a', { href: ctx.path(`/elections/${e.id}`) }, t('ecmod-see-election')));
  if (id) return [head, takeFlash(), ...await application(ctx, e, id, status), electionLink];

  const parts = [head, takeFlash()];
  if (e.tie) {
    const standings = await api.get(electionApi(ctx, e.id, '/results'));
    if (ctx.is('moderator', 'admin')) parts.push(tieForm(ctx, e, standings));
  }
  parts.push(filter(ctx, status));
  const rows = await api.get(electionApi(ctx, e.id, '/applications'), { status });
  parts.push(queueTable(ctx, rows, status), electionLink);
  return parts;
}

function filter(ctx, status) {
  const select = field({
    label: t('ecmod-filter'), name: 'status', type: 'select', value: status,
    options: STATUSES.map((s) => [s, label('candidate-status', s)]),
  });
  const el = h('form', { class: 'ecmod-filter', role: 'search' }, select,
    h('button', { type: 'submit', class: 'btn' }, t('ecmod-show')));
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate(here({ status: select.control.value }));
  });
  return el;
}

function queueTable(ctx, rows, status) {
  if (!rows.length) return h('p', { class: 'empty' }, t('ecmod-queue-empty'));
  const waiting = status === 'on_moderation';
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'ecmod-queue-caption' }, h('table', { class: 'ecmod-queue' },
    h('caption', { id: 'ecmod-queue-caption' }, t('ecmod-queue-caption', { status: label('candidate-status', status) })),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('ecmod-col-name')),
      h('th', { scope: 'col' }, t('ecmod-col-status')),
      h('th', { scope: 'col' }, t('ecmod-col-submitted')),
      waiting ? h('th', { scope: 'col' }, t('ecmod-col-waiting')) : null)),
    h('tbody', {}, rows.map((a) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: here({ status: status === 'on_moderation' ? null : status, candidate: a.id }) }, a.name)),
      h('td', {}, statusBadge(a.status)),
      h('td', {}, a.submitted_at ? dateTime(a.submitted_at, ctx.city.time_zone) : '—'),
      waiting ? h('td', {}, a.waiting_seconds != null ? duration(a.waiting_seconds) : '—') : null)))));
}

async function application(ctx, e, id, status) {
  const base = electionApi(ctx, e.id, `/applications/${id}`);
  const [a, history] = await Promise.all([api.get(base), api.get(`${base}/history`)]);
  const back = h('p', {}, h('a', { href: here({ status: status === 'on_moderation' ? null : status }) }, '← ', t('ecmod-back')));
  const parts = [back];
  parts.push(h('div', { class: 'ecmod-head' },
    statusBadge(a.status),
    a.status === 'on_moderation' && a.waiting_seconds != null
      ? h('span', { class: 'muted' }, t('ecmod-waiting', { time: duration(a.waiting_seconds) })) : null));
  if (a.moderator_comment) {
    parts.push(h('div', { class: 'warning' }, h('strong', {}, t('wizard-moderator-comment')), h('p', { class: 'comment-text' }, a.moderator_comment)));
  }
  parts.push(summary(a, { title: t('ecmod-personal'), level: 3 }));
  parts.push(actions(ctx, e, a, status));
  parts.push(historyBlock(ctx, history, { heading: 'h3', title: t('ecmod-history') }));
  return parts;
}

function actions(ctx, e, a, status) {
  if (a.status !== 'on_moderation') return null;
  if (!ctx.is('moderator', 'admin')) return h('p', { class: 'notice' }, t('ecmod-view-only'));
  if (e.phase !== 'applications' && e.phase !== 'review') return h('p', { class: 'notice' }, t('ecmod-closed'));
  const statusBox = h('div', { class: 'form-status' });
  const act = async (action, comment) => {
    try {
      const done = await api.post(electionApi(ctx, e.id, `/applications/${a.id}/status`), { action, comment });
      const text = t('ecmod-done', { status: label('candidate-status', done.status) });
      setFlash('success', text);
      await ctx.navigate(here({ status: status === 'on_moderation' ? null : status }));
      announce(text);
    } catch (err) {
      const box = problemBox(err);
      box.setAttribute('tabindex', '-1');
      statusBox.replaceChildren(box);
      box.focus();
    }
  };
  const admit = h('button', { type: 'button', class: 'btn primary' }, t('ecmod-admit'));
  admit.addEventListener('click', async () => {
    const ok = await ask({ title: t('ecmod-admit'), text: t('ecmod-admit-confirm', { name: a.name }), confirmLabel: t('ecmod-admit') });
    if (ok) await act('admit', null);
  });
  const reject = h('button', { type: 'button', class: 'btn' }, t('ecmod-reject'));
  reject.addEventListener('click', async () => {
    const ok = await ask({ title: t('ecmod-reject'), text: t('ecmod-reject-text'), comment: t('ecmod-reject-comment'), commentRequired: true, confirmLabel: t('ecmod-reject') });
    if (ok) await act('reject', ok.comment);
  });
  const del = h('button', { type: 'button', class: 'btn danger' }, t('ecmod-delete'));
  del.addEventListener('click', async () => {
    const ok = await ask({ title: t('ecmod-delete'), text: t('ecmod-delete-text'), comment: t('ecmod-delete-comment'), confirmLabel: t('ecmod-delete') });
    if (ok) await act('delete', ok.comment);
  });
  return h('div', { class: 'ecmod-actions' }, statusBox, h('div', { class: 'actions' }, admit, reject, del));
}

/** The tie decision: exactly `tie.seats` of the tied candidates, with the grounds. */
export function tieForm(ctx, e, standings) {
  useStyle(STYLE);
  const tie = e.tie;
  if (!tie) return null;
  const byId = new Map((standings || []).map((s) => [s.application_id, s]));
  const boxes = tie.candidates.map((id) => {
    const s = byId.get(id) || { name: `#${id}`, round1_votes: 0, round2_votes: 0 };
    const f = field({
      label: t('ecmod-tie-votes', { name: s.name, round2: s.round2_votes ?? 0, round1: s.round1_votes }),
      name: 'elected', type: 'checkbox',
    });
    f.control.value = String(id);
    return f;
  });
  const el = form({
    class: 'form tie-form',
    submitLabel: t('ecmod-tie-submit'),
    onSubmit: async (v, formEl) => {
      const elected = [...formEl.querySelectorAll('input[name=elected]:checked')].map((c) => Number(c.value));
      if (elected.length !== tie.seats) {
        throw new ApiError(422, { title: t('ecmod-tie-wrong-count', { seats: tie.seats }), field: 'elected' });
      }
      await api.post(electionApi(ctx, e.id, '/tie'), { elected, comment: v.comment || null });
      setFlash('success', t('ecmod-tie-done'));
      await ctx.rerender();
      announce(t('ecmod-tie-done'));
    },
    children: [
      h('fieldset', {}, h('legend', {}, t('ecmod-tie-choose', { seats: tie.seats })), boxes),
      field({ label: t('ecmod-tie-comment'), name: 'comment', type: 'textarea', rows: 3, required: true, hint: t('ecmod-tie-comment-hint') }),
    ],
  });
  return h('section', { class: 'tie-decision warning', 'aria-labelledby': 'tie-title' },
    h('h3', { id: 'tie-title' }, t('ecmod-tie-title')),
    h('p', {}, t('ecmod-tie-text', { count: tie.candidates.length, seats: tie.seats })),
    el);
}

