// The audit log: every change in the city, newest first, a page at a time, filtered by action
// or target; above it, whether the log's hash chain holds (as `hromada audit verify` checks).

import { api } from '../api.js';
import { t, dateTime, number } from '../i18n.js';
import { h, field, uid } from '../dom.js';
import { rowsTable, pager, pageOf, failed } from './admin-common.js';

const LIMIT = 25;

export async function draw(ctx, opts) {
  const page = pageOf(opts.query);
  const action = opts.query.get('action') || '';
  const target = opts.query.get('target') || '';
  const tz = ctx.city.time_zone;
  const [data, staff, verification] = await Promise.all([
    api.get(ctx.cityApi('/audit'), { action, target, limit: LIMIT, offset: (page - 1) * LIMIT }),
    api.get(ctx.cityApi('/staff')).catch(() => []),
    api.get(ctx.cityApi('/audit/verification')).catch((err) => ({ error: err })),
  ]);
  const names = new Map(staff.map((m) => [m.user_id, m.name || m.login]));
  const actor = (id) => {
    if (id === null || id === undefined) return h('span', { class: 'muted' }, t('adm-audit-system'));
    const name = names.get(id);
    return name ? h('span', {}, name, h('br'), h('span', { class: 'muted' }, t('adm-audit-user', { id }))) : t('adm-audit-user', { id });
  };
  const cols = [
    [t('adm-audit-time'), (r) => dateTime(r.created_at, tz)],
    [t('adm-audit-actor'), (r) => actor(r.actor_id)],
    [t('adm-audit-action'), (r) => h('code', {}, r.action)],
    [t('adm-audit-target'), (r) => h('code', {}, r.target)],
    [t('adm-audit-summary'), (r) => summary(r.summary)],
    [t('adm-audit-hash'), (r) => h('code', { class: 'adm-hash', title: r.hash }, `${r.hash.slice(0, 12)}…`)],
  ];
  const path = ctx.path('/admin/audit');
  return [
    h('h2', {}, t('adm-audit-title')),
    verificationBox(verification, tz),
    filterForm(ctx, path, action, target),
    rowsTable(cols, data.items, {
      caption: t('adm-audit-caption', { count: data.total }),
      empty: action || target ? t('adm-audit-empty-filter') : t('adm-audit-empty'),
    }),
    pager({ path, query: opts.query, page, total: data.total, limit: LIMIT }),
  ];
}

function verificationBox(v, tz) {
  if (v.error) return h('div', { class: 'adm-verification' }, failed(v.error));
  if (v.intact) {
    return h('p', { class: 'success adm-verification', role: 'status' },
      h('strong', {}, t('adm-audit-intact')), ' ',
      t('adm-audit-intact-detail', { count: v.rows_checked ?? 0, date: dateTime(v.checked_at, tz) }));
  }
  return h('div', { class: 'problem adm-verification', role: 'alert' },
    h('strong', {}, t('adm-audit-broken')),
    h('p', {}, t('adm-audit-broken-detail', { id: v.broken_row_id, date: dateTime(v.checked_at, tz) })));
}

function filterForm(ctx, path, action, target) {
  const f = h('form', { class: 'adm-filter-form', role: 'search', 'aria-label': t('adm-audit-filter') },
    h('div', { class: 'adm-row' },
      field({ label: t('adm-audit-action'), name: 'action', value: action, hint: t('adm-audit-action-hint'), attrs: { spellcheck: 'false' } }),
      field({ label: t('adm-audit-target'), name: 'target', value: target, hint: t('adm-audit-target-hint'), attrs: { spellcheck: 'false' } })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn' }, t('adm-audit-apply')),
      action || target ? h('a', { class: 'btn link', href: path }, t('adm-audit-clear')) : null));
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const name of ['action', 'target']) {
      const value = f.elements[name].value.trim();
      if (value) q.set(name, value);
    }
    const s = q.toString();
    ctx.navigate(s ? `${path}?${s}` : path);
  });
  return f;
}

/** The before/after summary: short values inline, the whole JSON on request. */
function summary(value) {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  if (text.length <= 160) return h('code', { class: 'adm-summary' }, typeof value === 'string' ? value : JSON.stringify(value));
  const id = uid('sum');
  return h('details', { class: 'adm-summary' },
    h('summary', { id }, t('adm-audit-summary-show', { chars: number(text.length) })),
    h('pre', { 'aria-labelledby': id }, text));
}
