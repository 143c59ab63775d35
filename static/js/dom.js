// Small DOM helpers: building elements, announcing to screen readers, showing problems, and
// forms whose errors land next to the fields the API names.

import { t } from './i18n.js';
import { ApiError } from './api.js';

/**
 * Makes an element: `h('a', { href: '/x', class: 'btn' }, 'text', child)`.
 * Attributes starting with `on` become listeners; `null`/`false` attributes and children are
 * skipped; strings become text nodes (never HTML).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let seq = 0;
/** A unique id for label/field pairs. */
export function uid(prefix = 'f') { seq += 1; return `${prefix}-${seq}`; }

/** Says `text` to screen readers (polite). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 30);
}

/** A problem as a block: title and detail, announced (role=alert). */
export function problemBox(err) {
  const p = err instanceof ApiError ? err.problem : { detail: String(err) };
  const title = err instanceof ApiError && err.status === 0 ? t('error-network') : (p.title || t('error-generic'));
  const box = h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, title),
    p.detail && p.detail !== title ? h('p', {}, p.detail) : null,
    p.request_id && err.status >= 500 ? h('p', { class: 'muted' }, t('error-request-id', { id: p.request_id })) : null);
  return box;
}

/**
 * A labelled field. `opts`: { label, name, type, value, required, hint, options: [[value, text]],
 * rows, autocomplete, attrs }. Returns the wrapper; the control is `.control`.
 */
export function field(opts) {
  const id = uid(opts.name || 'f');
  const hintId = opts.hint ? `${id}-hint` : null;
  const errId = `${id}-err`;
  let control;
  const common = {
    id, name: opts.name, required: opts.required, 'aria-describedby': [hintId, errId].filter(Boolean).join(' '),
    autocomplete: opts.autocomplete, ...(opts.attrs || {}),
  };
  if (opts.type === 'select') {
    control = h('select', common, (opts.options || []).map(([v, text]) =>
      h('option', { value: v, selected: String(v) === String(opts.value ?? '') }, text)));
  } else if (opts.type === 'textarea') {
    control = h('textarea', { ...common, rows: opts.rows || 5 });
    control.value = opts.value ?? '';
  } else if (opts.type === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox', checked: Boolean(opts.value) });
    const wrap = h('div', { class: 'field field-check' }, control, h('label', { for: id }, opts.label),
      hintId ? h('p', { class: 'hint', id: hintId }, opts.hint) : null,
      h('p', { class: 'field-error', id: errId, hidden: true }));
    wrap.control = control;
    wrap.dataset.field = opts.name || '';
    return wrap;
  } else {
    control = h('input', { ...common, type: opts.type || 'text', value: opts.value ?? '' });
  }
  const wrap = h('div', { class: 'field' },
    h('label', { for: id }, opts.label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hintId ? h('p', { class: 'hint', id: hintId }, opts.hint) : null,
    control,
    h('p', { class: 'field-error', id: errId, hidden: true }));
  wrap.control = control;
  wrap.dataset.field = opts.name || '';
  return wrap;
}

/**
 * A form that submits through `onSubmit(values, form)`. A rejected promise with an `ApiError`
 * shows the problem at the top (announced) and, when it names a field, next to that field,
 * which gets focus. Returns the `<form>`; `children` are fields and anything else.
 */
export function form({ onSubmit, submitLabel, children = [], class: cls, busyLabel }) {
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'btn primary' }, submitLabel || t('action-save'));
  const el = h('form', { class: cls || 'form', novalidate: true }, status, children, h('div', { class: 'form-actions' }, submit));
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(el);
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    const before = submit.textContent;
    if (busyLabel) submit.textContent = busyLabel;
    try {
      await onSubmit(values(el), el);
    } catch (err) {
      showError(el, status, err);
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      submit.textContent = before;
    }
  });
  el.status = status;
  return el;
}

/** The form's values by name: checkboxes as booleans, the rest as trimmed strings. */
export function values(formEl) {
  const out = {};
  for (const c of formEl.querySelectorAll('input[name], select[name], textarea[name]')) {
    if (c.type === 'checkbox') out[c.name] = c.checked;
    else if (c.type === 'file') out[c.name] = c.files?.[0] || null;
    else if (c.type === 'radio') { if (c.checked) out[c.name] = c.value; }
    else out[c.name] = c.value.trim();
  }
  return out;
}

function clearErrors(formEl) {
  for (const e of formEl.querySelectorAll('.field-error')) { e.hidden = true; e.textContent = ''; }
  for (const c of formEl.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  formEl.status?.replaceChildren();
}

/** Shows an error in a form: the problem at the top, the field's message beside it. */
export function showError(formEl, status, err) {
  if (!(err instanceof ApiError)) console.error(err);
  status.replaceChildren(problemBox(err));
  const name = err instanceof ApiError ? err.field : null;
  const wrap = name ? fieldWrap(formEl, name) : null;
  if (wrap) {
    const msg = wrap.querySelector('.field-error');
    msg.textContent = err.problem.detail || err.problem.title;
    msg.hidden = false;
    const control = wrap.control || wrap.querySelector('input, select, textarea');
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  } else {
    status.querySelector('[role=alert]')?.setAttribute('tabindex', '-1');
    status.querySelector('[role=alert]')?.focus();
  }
}

function fieldWrap(formEl, name) {
  // `field` may be nested (`lines[2].name`, `name.uk`): match the longest known prefix.
  const wraps = [...formEl.querySelectorAll('[data-field]')];
  let best = null;
  for (const w of wraps) {
    const f = w.dataset.field;
    if (!f) continue;
    if (name === f || name.startsWith(`${f}.`) || name.startsWith(`${f}[`)) {
      if (!best || f.length > best.dataset.field.length) best = w;
    }
  }
  return best;
}

/** A modal dialog (native `<dialog>`): focus moves in, Escape closes, focus returns. */
export function dialog({ title, content, onClose, class: cls }) {
  const titleId = uid('dlg');
  const close = h('button', { type: 'button', class: 'dialog-close', 'aria-label': t('action-close') }, '×');
  const d = h('dialog', { class: cls || 'dialog', 'aria-labelledby': titleId },
    h('div', { class: 'dialog-head' }, h('h2', { id: titleId }, title), close),
    content);
  const opener = document.activeElement;
  const finish = () => {
    d.remove();
    onClose?.();
    if (opener && opener.isConnected) opener.focus();
  };
  close.addEventListener('click', () => d.close());
  d.addEventListener('close', finish);
  document.body.append(d);
  d.showModal();
  return d;
}

/** Asks for a confirmation (and, when `comment` is set, a comment). Resolves to null if cancelled. */
export function ask({ title, text, confirmLabel, comment, commentRequired }) {
  return new Promise((resolve) => {
    let result = null;
    const commentField = comment ? field({ label: comment, name: 'comment', type: 'textarea', required: commentRequired, rows: 3 }) : null;
    if (commentField && commentRequired) {
      // Checked below with our own, announced message rather than the browser's tooltip.
      commentField.control.required = false;
      commentField.control.setAttribute('aria-required', 'true');
    }
    const err = h('p', { class: 'field-error', hidden: true, role: 'alert' });
    const ok = h('button', { type: 'submit', class: 'btn primary' }, confirmLabel || t('action-confirm'));
    const cancel = h('button', { type: 'button', class: 'btn' }, t('action-cancel'));
    const f = h('form', { method: 'dialog', class: 'form' },
      text ? h('p', {}, text) : null, commentField, err, h('div', { class: 'form-actions' }, ok, cancel));
    const d = dialog({ title, content: f, onClose: () => resolve(result) });
    cancel.addEventListener('click', () => d.close());
    f.addEventListener('submit', (ev) => {
      const value = commentField ? commentField.control.value.trim() : '';
      if (commentRequired && !value) {
        ev.preventDefault();
        err.textContent = t('error-comment-required');
        err.hidden = false;
        commentField.control.setAttribute('aria-invalid', 'true');
        commentField.control.focus();
        return;
      }
      result = { comment: value || null };
    });
  });
}

/** A link handled by the router (plain `<a href>`, so it works without it too). */
export function link(href, ...children) {
  return h('a', { href }, ...children);
}

/** A table from rows: `cols` = [[header, row => cell]]. */
export function table(cols, rows, { caption, empty } = {}) {
  if (!rows.length && empty) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, cols.map(([head]) => h('th', { scope: 'col' }, head)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, cols.map(([, cell]) => h('td', {}, cell(r))))))));
}

/** Tabs as links (each tab is its own address, so Back works and it needs no script). */
export function tabs(items, current, label) {
  return h('nav', { class: 'tabs', 'aria-label': label },
    h('ul', {}, items.map(([href, text, key]) => h('li', {},
      h('a', { href, 'aria-current': key === current ? 'page' : null }, text)))));
}

/** A status badge: the label of a status code. */
export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}

const styles = new Set();
/** Loads a screen's own stylesheet once (`/css/admin.css`), so public pages stay small. */
export function useStyle(href) {
  if (styles.has(href)) return;
  styles.add(href);
  document.head.append(h('link', { rel: 'stylesheet', href }));
}

let flash = null;
/** A message to show once, on the next drawing of a page (after a save that redraws or moves on). */
export function setFlash(kind, text) { flash = { kind, text }; }
/** The message set by `setFlash` as a status paragraph (once), or null. */
export function takeFlash() {
  const f = flash;
  flash = null;
  return f ? h('p', { class: f.kind, role: 'status' }, f.text) : null;
}
