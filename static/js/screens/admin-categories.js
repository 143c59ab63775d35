// Project categories in display order: adding, changing names, order and whether residents may
// choose it, and deleting those no project uses.

import { api } from '../api.js';
import { t, pick } from '../i18n.js';
import { h, field, table } from '../dom.js';
import { cityChanged } from '../main.js';
import { nameFields, nameOf, removeEntry, formDialog, intOrNull, yesNo } from './admin-common.js';

export async function draw(ctx, opts) {
  const list = await api.get(ctx.cityApi('/categories'));
  const status = h('div', { class: 'adm-list-status' });
  const cols = [
    [t('adm-category-position'), (c) => String(c.position)],
    [t('adm-category-name'), (c) => h('span', {}, h('strong', { lang: 'uk' }, c.name.uk), h('br'), h('span', { class: 'muted', lang: 'en' }, c.name.en))],
    [t('adm-category-active'), (c) => yesNo(c.active)],
  ];
  if (!opts.readOnly) {
    cols.push([t('adm-actions'), (c) => h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: () => edit(ctx, opts, c, list), 'aria-label': t('adm-edit-named', { name: pick(c.name) }) }, t('action-edit')),
      h('button', { type: 'button', class: 'btn danger', onclick: () => removeEntry(ctx, opts, { kind: 'category', path: `/categories/${c.id}`, entry: c, status }), 'aria-label': t('adm-delete-named', { name: pick(c.name) }) }, t('action-delete')))]);
  }
  return [
    h('h2', {}, t('adm-categories-title')),
    h('p', { class: 'lead' }, t('adm-categories-lead')),
    opts.readOnly ? null : h('p', {}, h('button', { type: 'button', class: 'btn primary', onclick: () => edit(ctx, opts, null, list) }, t('adm-category-add'))),
    status,
    table(cols, list, { caption: t('adm-categories-caption', { count: list.length }), empty: t('adm-categories-empty') }),
  ];
}

function edit(ctx, opts, c, list) {
  const next = list.reduce((m, x) => Math.max(m, x.position), 0) + 1;
  formDialog({
    title: c ? t('adm-category-edit', { name: pick(c.name) }) : t('adm-category-add'),
    submitLabel: c ? t('action-save') : t('action-add'),
    children: [
      ...nameFields(c?.name),
      field({ label: t('adm-category-position'), name: 'position', type: 'number', value: c ? c.position : next, required: true, hint: t('adm-category-position-hint'), attrs: { step: 1 } }),
      field({ label: t('adm-category-active-label'), name: 'active', type: 'checkbox', value: c ? c.active : true, hint: t('adm-category-active-hint') }),
    ],
    onSubmit: (v) => {
      const body = { name: nameOf(v), position: intOrNull(v.position), active: v.active };
      return c ? api.patch(ctx.cityApi(`/categories/${c.id}`), body) : api.post(ctx.cityApi('/categories'), body);
    },
    done: async (saved) => {
      cityChanged();
      await opts.reload();
      opts.flash(t(c ? 'adm-category-saved' : 'adm-category-added', { name: pick(saved.name) }));
    },
  });
}
