// An address field with suggestions from the city's combined geocoding
// (GET /cities/{slug}/geocode?q=), as an ARIA 1.2 combobox: the input is `role=combobox` with
// `aria-expanded`, `aria-controls` (the listbox) and `aria-activedescendant`; ↓/↑ move through
// the suggestions, Enter takes one, Escape closes the list. Typing by hand always works: the
// suggestions only help.

import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { h, field, uid } from '../dom.js';

const DEBOUNCE_MS = 350;
const MIN_CHARS = 3;

/**
 * A labelled address input with suggestions. `opts`: the options of `field()` plus `ctx` (for
 * the city) and `onPick({address, lat, lon})`, called when a suggestion is taken.
 * Returns the field's wrapper (`.control` is the input).
 */
export function addressField(opts) {
  const { ctx, onPick, ...fieldOpts } = opts;
  const listId = uid('addr-list');
  const statusId = uid('addr-status');
  const wrap = field({
    ...fieldOpts,
    autocomplete: 'off',
    attrs: {
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      'aria-haspopup': 'listbox',
      ...(fieldOpts.attrs || {}),
    },
  });
  wrap.classList.add('combo');
  const input = wrap.control;
  const list = h('ul', { id: listId, role: 'listbox', class: 'combo-list', 'aria-label': t('profile-address-suggestions'), hidden: true });
  const status = h('p', { id: statusId, class: 'combo-status hint', 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), statusId].filter(Boolean).join(' '));
  // The list sits right under the input; the status line under it.
  input.after(h('div', { class: 'combo-anchor' }, list));
  wrap.append(status);

  let results = [];
  let active = -1;
  let timer = null;
  let seq = 0;
  let lastQuery = '';

  function open(show) {
    list.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) setActive(-1);
  }

  function setActive(i) {
    active = i;
    [...list.children].forEach((li, n) => li.setAttribute('aria-selected', String(n === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function pick(i) {
    const r = results[i];
    if (!r) return;
    input.value = r.address;
    open(false);
    status.textContent = t('profile-address-picked');
    onPick?.(r);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function draw() {
    list.replaceChildren(...results.map((r, i) => {
      const li = h('li', { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', class: 'combo-option' }, r.address);
      // Keep the focus in the input while the pointer picks.
      li.addEventListener('mousedown', (ev) => ev.preventDefault());
      li.addEventListener('click', () => pick(i));
      return li;
    }));
    open(results.length > 0 && document.activeElement === input);
  }

  async function search(q) {
    const mine = ++seq;
    status.textContent = t('profile-address-searching');
    try {
      const answer = await api.get(ctx.cityApi('/geocode'), { q });
      if (mine !== seq) return;
      results = answer.results || [];
      draw();
      status.textContent = results.length
        ? t('profile-address-found', { count: results.length })
        : t('profile-address-none');
    } catch (err) {
      if (mine !== seq) return;
      results = [];
      draw();
      if (err instanceof ApiError && err.status === 429) status.textContent = t('profile-address-slow-down');
      else status.textContent = t('profile-address-unavailable');
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < MIN_CHARS) {
      seq++;
      results = [];
      draw();
      status.textContent = '';
      lastQuery = '';
      return;
    }
    timer = setTimeout(() => {
      if (q === lastQuery) { draw(); return; }
      lastQuery = q;
      search(q);
    }, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (ev) => {
    const isOpen = !list.hidden;
    if (ev.key === 'ArrowDown') {
      if (!results.length) return;
      ev.preventDefault();
      if (!isOpen) open(true);
      setActive(active < results.length - 1 ? active + 1 : 0);
    } else if (ev.key === 'ArrowUp') {
      if (!results.length) return;
      ev.preventDefault();
      if (!isOpen) open(true);
      setActive(active > 0 ? active - 1 : results.length - 1);
    } else if (ev.key === 'Enter') {
      if (isOpen && active >= 0) {
        ev.preventDefault();
        pick(active);
      }
    } else if (ev.key === 'Escape') {
      if (isOpen) {
        ev.preventDefault();
        ev.stopPropagation();
        open(false);
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== input) open(false); }, 150));
  return wrap;
}
