// The e-mail outbox: the city's letters newest first, filtered by status; failed ones stand
// out with their error and can be put back in the queue.

import { api } from '../api.js';
import { t, dateTime, number } from '../i18n.js';
import { h, announce, problemBox, badge } from '../dom.js';
import { rowsTable, pager, pageOf } from './admin-common.js';

const LIMIT = 25;
const STATUSES = ['failed', 'pending', 'sending', 'sent'];
const KIND = { failed: 'bad', pending: 'warn', sending: 'warn', sent: 'ok' };

export async function draw(ctx, opts) {
  const status = STATUSES.includes(opts.query.get('status')) ? opts.query.get('status') : null;
  const page = pageOf(opts.query);
  const data = await api.get(ctx.cityApi('/emails'), { status, limit: LIMIT, offset: (page - 1) * LIMIT });
  const tz = ctx.city.time_zone;
  const path = ctx.path('/admin/emails');
  const listStatus = h('div', { class: 'adm-list-status' });
  const filter = h('nav', { class: 'adm-filter', 'aria-label': t('adm-emails-filter') },
    h('ul', {}, [null, ...STATUSES].map((s) => h('li', {},
      h('a', { href: s ? `${path}?status=${s}` : path, 'aria-current': s === status ? 'page' : null }, s ? t(`adm-email-status-${s}`) : t('adm-emails-all'))))));
  // What needs a look comes first, so a phone shows it without scrolling: who, and how it went.
  const cols = [
    [t('adm-email-to'), (e) => e.to],
    [t('adm-email-status'), (e) => h('div', { class: 'adm-email-state' },
      badge(t(`adm-email-status-${e.status}`), KIND[e.status]),
      e.sent_at ? h('span', { class: 'muted' }, dateTime(e.sent_at, tz)) : null,
      e.status === 'pending' && e.attempts ? h('span', { class: 'muted' }, t('adm-email-next', { date: dateTime(e.next_attempt_at, tz) })) : null,
      e.last_error ? h('span', { class: e.status === 'failed' ? 'adm-error-text' : 'muted' }, t('adm-email-error-text', { error: e.last_error })) : null,
      !opts.readOnly && e.status === 'failed'
        ? h('button', { type: 'button', class: 'btn', onclick: () => retry(ctx, opts, e, listStatus), 'aria-label': t('adm-email-retry-named', { to: e.to, subject: e.subject }) }, t('adm-email-retry'))
        : null)],
    [t('adm-email-subject'), (e) => h('span', {}, e.subject, h('br'), h('span', { class: 'muted' }, e.template))],
    [t('adm-email-created'), (e) => dateTime(e.created_at, tz)],
    [t('adm-email-attempts'), (e) => number(e.attempts)],
  ];
  return [
    h('h2', {}, t('adm-emails-title')),
    h('p', { class: 'lead' }, t('adm-emails-lead')),
    filter,
    listStatus,
    rowsTable(cols, data.items, {
      caption: t('adm-emails-caption', { count: data.total }),
      empty: status ? t('adm-emails-empty-status') : t('adm-emails-empty'),
      rowClass: (e) => (e.status === 'failed' ? 'adm-failed' : null),
    }),
    pager({ path, query: opts.query, page, total: data.total, limit: LIMIT }),
  ];
}

async function retry(ctx, opts, e, listStatus) {
  try {
    await api.post(ctx.cityApi(`/emails/${e.id}/retry`));
  } catch (err) {
    listStatus.replaceChildren(problemBox(err));
    announce(err.message);
    return;
  }
  await opts.reload();
  opts.flash(t('adm-email-retried', { to: e.to }));
}
