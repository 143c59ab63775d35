// Appeals and complaints to the public budget commission (ГБК): the public list and page of
// each with the members' votes and reasons, the member's vote form, and the forms an author
// (appeal against a rejection) and any resident (complaint about a stage) file from a project.

import { api } from '../api.js';
import { t, number, dateTime } from '../i18n.js';
import { h, field, form, announce, badge, useStyle } from '../dom.js';

const KINDS = { pending: 'warn', upheld: 'ok', dismissed: 'bad' };

function statusOf(a) {
  return badge(a.status_label, KINDS[a.status] || '');
}

function summary(ctx, a) {
  const tz = ctx.city.time_zone;
  return h('li', { class: 'card appeal-item' },
    h('h2', {}, h('a', { href: ctx.path(`/appeals/${a.id}`) },
      t('appeals-item-title', { kind: a.kind_label, id: a.id })), ' ', statusOf(a)),
    h('p', { class: 'muted' }, a.subject_label,
      a.project_title ? [' — ', h('a', { href: ctx.path(`/projects/${a.project_id}`) }, a.project_title)] : null,
      ' · ', dateTime(a.created_at, tz)),
    h('p', { class: 'muted' }, t('appeals-votes-count', { votes: number(a.votes.length), members: number(a.members) })));
}

export async function appeals(ctx) {
  useStyle('/css/public.css');
  const qs = new URLSearchParams(location.search);
  const status = ['pending', 'upheld', 'dismissed'].includes(qs.get('status')) ? qs.get('status') : '';
  const page = await api.get(ctx.cityApi(`/appeals?limit=50${status ? `&status=${status}` : ''}`));
  const filter = h('form', { class: 'session-picker', method: 'get' },
    field({ label: t('appeals-filter'), name: 'status', type: 'select', value: status,
      options: [['', t('appeals-filter-all')], ['pending', t('appeals-filter-pending')],
        ['upheld', t('appeals-filter-upheld')], ['dismissed', t('appeals-filter-dismissed')]] }),
    h('button', { type: 'submit', class: 'btn' }, t('appeals-show')));
  filter.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = new FormData(filter).get('status');
    ctx.navigate(`${ctx.path('/appeals')}${v ? `?status=${encodeURIComponent(v)}` : ''}`);
  });
  return [
    h('h1', {}, t('appeals-title')),
    h('p', { class: 'lead' }, t('appeals-lead')),
    filter,
    page.items.length
      ? h('ul', { class: 'appeal-list' }, page.items.map((a) => summary(ctx, a)))
      : h('p', { class: 'empty' }, t('appeals-empty')),
    page.total > page.items.length ? h('p', { class: 'muted' }, t('appeals-more', { shown: number(page.items.length), total: number(page.total) })) : null,
  ];
}

function votesList(ctx, a) {
  const tz = ctx.city.time_zone;
  if (!a.votes.length) return h('p', { class: 'empty' }, t('appeals-no-votes'));
  return h('ul', { class: 'approval-votes' }, a.votes.map((v) => h('li', {},
    h('strong', {}, v.member), ' — ', t(v.uphold ? 'appeals-vote-uphold' : 'appeals-vote-dismiss'),
    ': ', h('q', {}, v.reason), ' ', h('span', { class: 'muted' }, dateTime(v.at, tz)))));
}

export async function appeal(ctx, params) {
  useStyle('/css/public.css');
  let a = await api.get(ctx.cityApi(`/appeals/${encodeURIComponent(params.id)}`));
  const root = h('article', { class: 'appeal' });
  const draw = () => {
    const tz = ctx.city.time_zone;
    const parts = [
      h('p', { class: 'crumbs' }, h('a', { href: ctx.path('/appeals') }, t('appeals-back'))),
      h('h1', {}, t('appeals-item-title', { kind: a.kind_label, id: a.id })),
      h('p', {}, statusOf(a), ' ', a.subject_label,
        a.project_title ? [' — ', h('a', { href: ctx.path(`/projects/${a.project_id}`) }, a.project_title)] : null),
      h('p', { class: 'muted' }, t('appeals-filed-at', { at: dateTime(a.created_at, tz) }),
        a.mine ? [' · ', t('appeals-mine')] : null),
      h('section', { class: 'card', 'aria-labelledby': 'appeal-body' },
        h('h2', { id: 'appeal-body' }, t('appeals-body')), h('p', { class: 'pre' }, a.body)),
    ];
    if (a.status !== 'pending') {
      parts.push(h('p', { class: a.status === 'upheld' ? 'success' : 'warning' },
        h('strong', {}, t('appeals-decided', { at: dateTime(a.decided_at, tz) })), ' ', a.effect_label || ''));
    }
    parts.push(h('section', { class: 'card', 'aria-labelledby': 'appeal-votes' },
      h('h2', { id: 'appeal-votes' }, t('appeals-votes-title')),
      h('p', {}, t('appeals-votes-count', { votes: number(a.votes.length), members: number(a.members) })),
      votesList(ctx, a)));
    if (a.may_vote) {
      parts.push(h('section', { class: 'card', 'aria-labelledby': 'appeal-your-vote' },
        h('h2', { id: 'appeal-your-vote' }, t('appeals-your-vote')),
        form({
          submitLabel: t('appeals-vote-submit'),
          children: [
            field({ label: t('appeals-choice'), name: 'choice', type: 'select', value: 'uphold',
              options: [['uphold', t('appeals-vote-uphold')], ['dismiss', t('appeals-vote-dismiss')]] }),
            field({ label: t('appeals-reason'), name: 'reason', type: 'textarea', required: true, hint: t('appeals-reason-hint') }),
          ],
          onSubmit: async (v) => {
            a = await api.post(ctx.cityApi(`/appeals/${a.id}/votes`), { uphold: v.choice === 'uphold', reason: v.reason || null });
            announce(t('appeals-vote-recorded'));
            draw();
          },
        })));
    }
    root.replaceChildren(...parts.filter(Boolean));
  };
  draw();
  return root;
}

/**
 * On a project's page: the author's appeal against its rejection, and anyone's complaint about
 * the stage the session is in. `stage` is the current stage code or null.
 */
export function appealBox(ctx, p, { isAuthor, stage, sessionId }) {
  if (!ctx.user) return null;
  const parts = [h('h2', { id: 'appeal-box' }, t('appeals-box-title'))];
  const send = async (body) => {
    const out = await api.post(ctx.cityApi('/appeals'), body);
    announce(t('appeals-filed'));
    ctx.navigate(ctx.path(`/appeals/${out.id}`));
  };
  if (isAuthor && p.status === 'rejected') {
    parts.push(h('p', {}, t('appeals-appeal-lead')), form({
      submitLabel: t('appeals-appeal-submit'),
      children: [field({ label: t('appeals-body'), name: 'body', type: 'textarea', required: true })],
      onSubmit: (v) => send({ kind: 'appeal', subject: 'rejection', project_id: p.id, body: v.body }),
    }));
  }
  if (stage) {
    parts.push(h('details', {}, h('summary', {}, t('appeals-complaint-open')), form({
      submitLabel: t('appeals-complaint-submit'),
      children: [field({ label: t('appeals-body'), name: 'body', type: 'textarea', required: true, hint: t('appeals-complaint-hint') })],
      onSubmit: (v) => send({ kind: 'complaint', subject: stage, project_id: p.id, session_id: sessionId, body: v.body }),
    })));
  }
  return parts.length > 1 ? h('section', { class: 'card appeal-box', 'aria-labelledby': 'appeal-box' }, parts) : null;
}
