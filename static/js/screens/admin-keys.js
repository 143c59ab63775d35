// API keys of the city property system (ІАС «Майно»): the list, a new key (its secret shown
// this once, with a copy button) and revoking one for good.

import { api } from '../api.js';
import { t, dateTime } from '../i18n.js';
import { h, field, form, ask, announce, problemBox, table, badge } from '../dom.js';
import { orForbidden, copyButton } from './admin-common.js';

// The key just made: its secret is drawn on the next draw only, then forgotten.
let fresh = null;

export async function draw(ctx, opts) {
  return orForbidden(async () => {
    const keys = await api.get(ctx.cityApi('/api-keys'));
    const made = fresh;
    fresh = null;
    const tz = ctx.city.time_zone;
    const status = h('div', { class: 'adm-list-status' });
    const cols = [
      [t('adm-key-name'), (k) => h('strong', {}, k.name)],
      [t('adm-key-prefix'), (k) => h('code', {}, `${k.prefix}…`)],
      [t('adm-key-created'), (k) => dateTime(k.created_at, tz)],
      [t('adm-key-last-used'), (k) => (k.last_used_at ? dateTime(k.last_used_at, tz) : t('adm-key-never-used'))],
      [t('adm-key-state'), (k) => (k.revoked_at ? badge(t('adm-key-revoked', { date: dateTime(k.revoked_at, tz) }), 'bad') : badge(t('adm-key-active'), 'ok'))],
    ];
    if (!opts.readOnly) {
      cols.push([t('adm-actions'), (k) => (k.revoked_at ? null : h('button', {
        type: 'button', class: 'btn danger', onclick: () => revoke(ctx, opts, k, status), 'aria-label': t('adm-key-revoke-named', { name: k.name }),
      }, t('adm-key-revoke')))]);
    }
    return [
      h('h2', {}, t('adm-keys-title')),
      h('p', { class: 'lead' }, t('adm-keys-lead')),
      made ? secretBox(made) : null,
      status,
      table(cols, keys, { caption: t('adm-keys-caption'), empty: t('adm-keys-empty') }),
      opts.readOnly ? null : [h('h3', {}, t('adm-key-new-title')), form({
        submitLabel: t('adm-key-create'),
        children: [field({ label: t('adm-key-name'), name: 'name', required: true, hint: t('adm-key-name-hint'), autocomplete: 'off' })],
        onSubmit: async (v) => {
          fresh = await api.post(ctx.cityApi('/api-keys'), { name: v.name });
          await opts.reload({ focus: false });
          document.getElementById('adm-key-secret-title')?.focus();
          announce(t('adm-key-created-msg', { name: v.name }));
        },
      })],
    ];
  }, t('adm-keys-title'));
}

function secretBox(made) {
  return h('section', { class: 'success adm-secret', 'aria-labelledby': 'adm-key-secret-title' },
    h('h3', { id: 'adm-key-secret-title', tabindex: '-1' }, t('adm-key-secret-title', { name: made.name })),
    h('p', {}, t('adm-key-secret-once')),
    h('p', { class: 'adm-secret-value' }, h('code', { id: 'adm-key-secret' }, made.secret)),
    h('p', {}, copyButton(made.secret, t('adm-key-copy'))));
}

async function revoke(ctx, opts, k, status) {
  const ok = await ask({ title: t('adm-key-revoke-title', { name: k.name }), text: t('adm-key-revoke-text'), confirmLabel: t('adm-key-revoke') });
  if (!ok) return;
  try {
    await api.del(ctx.cityApi(`/api-keys/${k.id}`));
  } catch (err) {
    status.replaceChildren(problemBox(err));
    announce(err.message);
    return;
  }
  await opts.reload();
  opts.flash(t('adm-key-revoked-msg', { name: k.name }));
}
