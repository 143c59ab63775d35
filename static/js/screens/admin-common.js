// Pieces the admin tabs share: names in both languages, dialogs with a form, copying,
// the notice for tabs an observer may not open, and lists of definitions.

import { api, ApiError } from '../api.js';
import { t, pick } from '../i18n.js';
import { h, field, form, dialog, ask, announce, problemBox } from '../dom.js';
import { cityChanged } from '../main.js';

/** The two fields of a name in both languages (`name.uk`, `name.en`, as the API names them). */
export function nameFields(value = {}, { prefix = 'name', label = 'adm-name' } = {}) {
  return [
    field({ label: t(`${label}-uk`), name: `${prefix}.uk`, value: value?.uk ?? '', required: true, attrs: { lang: 'uk' } }),
    field({ label: t(`${label}-en`), name: `${prefix}.en`, value: value?.en ?? '', required: true, attrs: { lang: 'en' } }),
  ];
}

/** `{uk, en}` from a form's values read by `values()`. */
export function nameOf(v, prefix = 'name') {
  return { uk: v[`${prefix}.uk`] ?? '', en: v[`${prefix}.en`] ?? '' };
}

/** A whole number from a field, or null when it is empty; text that is no number goes as is
 * (the API then names the field). */
export function intOrNull(text) {
  if (text === undefined || text === null || String(text).trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) ? n : text;
}

/**
 * Opens a dialog holding a form. `onSubmit(values, form)` runs the change; when it resolves the
 * dialog closes and `done(result)` runs. Problems stay in the form, next to their fields.
 */
export function formDialog({ title, children, submitLabel, onSubmit, done }) {
  let d;
  const f = form({
    submitLabel,
    children,
    onSubmit: async (v, el) => {
      const result = await onSubmit(v, el);
      d.close();
      await done?.(result);
    },
  });
  const cancel = h('button', { type: 'button', class: 'btn' }, t('action-cancel'));
  f.querySelector('.form-actions').append(cancel);
  d = dialog({ title, content: f, class: 'dialog adm-dialog' });
  cancel.addEventListener('click', () => d.close());
  f.querySelector('input:not([type=hidden]), select, textarea')?.focus();
  return d;
}

/** Says in a form (at its top, read out) that its change went through. */
export function saved(formEl, text) {
  formEl.status.replaceChildren(h('p', { class: 'success', tabindex: '-1' }, text));
  announce(text);
}

/** A button that copies `text` to the clipboard and says so. */
export function copyButton(text, label) {
  const btn = h('button', { type: 'button', class: 'btn' }, label || t('adm-copy'));
  btn.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      announce(t('adm-copied'));
      btn.textContent = t('adm-copied');
    } catch {
      announce(t('adm-copy-failed'));
      btn.textContent = t('adm-copy-failed');
    }
  });
  return btn;
}

/** Key/value pairs as a definition list (the read-only form of a settings form). */
export function facts(pairs) {
  return h('dl', { class: 'adm-facts' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

/** Runs `load`; a 403 becomes a notice that the tab is for admins only. */
export async function orForbidden(load, title) {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) {
      return [h('h2', { tabindex: '-1' }, title), h('p', { class: 'notice' }, t('adm-admins-only'))];
    }
    throw err;
  }
}

/** A problem shown in place of a part of a tab that failed to load. */
export function failed(err) {
  if (err instanceof ApiError && err.status === 401) throw err;
  return problemBox(err);
}

/** Yes or no as a badge. */
export function yesNo(value) {
  return h('span', { class: `badge ${value ? 'ok' : ''}` }, value ? t('yes') : t('no'));
}

/** An ISO date moved by `days` (dates only, no time zones). */
export function addDays(iso, days) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another. */
export function daysBetween(a, b) {
  return Math.round((new Date(`${b}T12:00:00Z`) - new Date(`${a}T12:00:00Z`)) / 86400000);
}

/** Today in the city's time zone, as an ISO date. */
export function today(timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A table like dom.table, with a class per row (`rowClass(row)`) and the first column as the
 * row's header. */
export function rowsTable(cols, rows, { caption, empty, rowClass } = {}) {
  if (!rows.length && empty) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, cols.map(([head]) => h('th', { scope: 'col' }, head)))),
    h('tbody', {}, rows.map((r) => h('tr', { class: rowClass?.(r) || null },
      cols.map(([, cell], i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, cell(r))))))));
}

/** Links to the pages of a long list: the query keeps its other parameters. */
export function pager({ path, query, page, total, limit }) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return null;
  const href = (n) => {
    const q = new URLSearchParams(query);
    if (n > 1) q.set('page', String(n)); else q.delete('page');
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  return h('nav', { class: 'adm-pager', 'aria-label': t('adm-pages') },
    page > 1 ? h('a', { href: href(page - 1), rel: 'prev' }, t('adm-page-prev')) : null,
    h('span', {}, t('adm-page-of', { page, pages })),
    page < pages ? h('a', { href: href(page + 1), rel: 'next' }, t('adm-page-next')) : null);
}

/** The page number in the query (1 when absent or wrong). */
export function pageOf(query) {
  const n = Number(query.get('page'));
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * Deletes a directory entry (a category, a district) after a confirmation, then redraws the
 * tab with a message; a refusal (e.g. projects still use it) shows in `status`.
 * `kind` names the messages: `adm-<kind>-delete-title`, `-delete-text`, `-deleted`.
 */
export async function removeEntry(ctx, opts, { kind, path, entry, status }) {
  const name = pick(entry.name);
  const ok = await ask({ title: t(`adm-${kind}-delete-title`, { name }), text: t(`adm-${kind}-delete-text`), confirmLabel: t('action-delete') });
  if (!ok) return;
  try {
    await api.del(ctx.cityApi(path));
  } catch (err) {
    status.replaceChildren(problemBox(err));
    announce(err.message);
    return;
  }
  cityChanged();
  await opts.reload();
  opts.flash(t(`adm-${kind}-deleted`, { name }));
}
