// «Сервіси геокодування»: the search mode, each provider (on/off, priority 3 asked first, its
// address, API key and time-out) and a test search through them all. API keys are write-only:
// the page says whether one is set (its last characters) and lets the admin replace or remove it.

import { api } from '../api.js';
import { t, number } from '../i18n.js';
import { h, field, form, uid, replace } from '../dom.js';
import { facts, yesNo, saved, orForbidden, intOrNull } from './admin-common.js';

export async function draw(ctx, opts) {
  return orForbidden(async () => {
    const s = await api.get(ctx.cityApi('/geocoding/settings'));
    if (opts.readOnly) return [h('h2', {}, t('adm-geo-title')), readOnlyView(s)];
    return [
      h('h2', {}, t('adm-geo-title')),
      settingsForm(ctx, opts, s),
      h('h2', {}, t('adm-geo-test-title')),
      testSearch(ctx),
    ];
  }, t('adm-geo-title'));
}

function readOnlyView(s) {
  const mode = s.modes.find((m) => m.mode === s.mode);
  return [
    facts([[t('adm-geo-mode'), mode?.label || s.mode], [t('adm-geo-radius'), t('adm-geo-radius-value', { km: s.radius_km })]]),
    providersTable(s),
  ];
}

function keyText(p) {
  return p.api_key_set ? t('adm-geo-key-set', { masked: p.api_key_masked || '' }) : t('adm-geo-key-not-set');
}

function providersTable(s) {
  const rows = [...s.providers].sort((a, b) => b.priority - a.priority);
  const wrap = h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, t('adm-geo-providers')),
    h('thead', {}, h('tr', {}, [t('adm-geo-provider'), t('adm-geo-enabled'), t('adm-geo-priority'), t('adm-geo-base-url'), t('adm-geo-key'), t('adm-geo-timeout')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((p) => h('tr', {},
      h('th', { scope: 'row' }, p.label), h('td', {}, yesNo(p.enabled)), h('td', { class: 'num' }, String(p.priority)),
      h('td', {}, h('code', {}, p.base_url)), h('td', {}, keyText(p)), h('td', { class: 'num' }, number(p.timeout_ms)))))));
  return wrap;
}

function modeChoice(s) {
  const name = 'mode';
  return h('fieldset', { class: 'field adm-modes', 'data-field': 'mode' },
    h('legend', {}, t('adm-geo-mode')),
    h('p', { class: 'field-error', hidden: true }),
    s.modes.map((m) => {
      const id = uid('mode');
      const descId = `${id}-desc`;
      return h('div', { class: 'adm-radio' },
        h('input', { type: 'radio', id, name, value: m.mode, checked: m.mode === s.mode, 'aria-describedby': descId }),
        h('label', { for: id }, m.label),
        h('p', { class: 'hint', id: descId }, m.description));
    }));
}

function providerBox(p) {
  const at = (what) => `providers.${p.provider}.${what}`;
  const keyField = field({
    label: p.api_key_set ? t('adm-geo-key-replace') : t('adm-geo-key-new'), name: at('api_key'), type: 'password',
    hint: p.api_key_set ? t('adm-geo-key-replace-hint') : t('adm-geo-key-new-hint'), attrs: { autocomplete: 'new-password', spellcheck: 'false' },
  });
  return h('fieldset', { class: 'adm-provider', 'data-provider': p.provider },
    h('legend', {}, p.label),
    field({ label: t('adm-geo-enabled-label', { provider: p.label }), name: at('enabled'), type: 'checkbox', value: p.enabled }),
    h('div', { class: 'adm-row' },
      field({ label: t('adm-geo-priority'), name: at('priority'), type: 'select', value: p.priority, options: [3, 2, 1].map((n) => [n, t('adm-geo-priority-value', { n })]), hint: t('adm-geo-priority-hint') }),
      field({ label: t('adm-geo-timeout'), name: at('timeout_ms'), type: 'number', value: p.timeout_ms, required: true, attrs: { min: 100, step: 100 } })),
    field({ label: t('adm-geo-base-url'), name: at('base_url'), type: 'url', value: p.base_url, required: true, attrs: { spellcheck: 'false' } }),
    h('p', { class: 'adm-key-state' }, h('strong', {}, t('adm-geo-key')), ' ', keyText(p)),
    keyField,
    p.api_key_set ? field({ label: t('adm-geo-key-remove'), name: at('remove_key'), type: 'checkbox', value: false }) : null);
}

function settingsForm(ctx, opts, s) {
  const providers = [...s.providers].sort((a, b) => b.priority - a.priority);
  return form({
    submitLabel: t('adm-geo-save'),
    children: [
      modeChoice(s),
      field({ label: t('adm-geo-radius'), name: 'radius_km', type: 'number', value: s.radius_km, required: true, hint: t('adm-geo-radius-hint'), attrs: { min: 1, step: 1 } }),
      h('h3', {}, t('adm-geo-providers')),
      providers.map(providerBox),
    ],
    onSubmit: async (v) => {
      const body = {
        mode: v.mode,
        radius_km: intOrNull(v.radius_km),
        providers: s.providers.map((p) => {
          const at = (what) => v[`providers.${p.provider}.${what}`];
          let apiKey = null;
          if (at('remove_key')) apiKey = '';
          else if (at('api_key')) apiKey = at('api_key');
          return {
            provider: p.provider,
            enabled: Boolean(at('enabled')),
            priority: Number(at('priority')),
            base_url: at('base_url'),
            api_key: apiKey,
            timeout_ms: intOrNull(at('timeout_ms')),
          };
        }),
      };
      await api.put(ctx.cityApi('/geocoding/settings'), body);
      await opts.reload();
      opts.flash(t('adm-geo-saved'));
    },
  });
}

function testSearch(ctx) {
  const out = h('div', { class: 'adm-geo-results', 'aria-live': 'polite' });
  const f = form({
    submitLabel: t('action-search'),
    class: 'form adm-inline-form',
    children: [field({ label: t('adm-geo-test-query'), name: 'q', type: 'search', required: true, hint: t('adm-geo-test-hint') })],
    onSubmit: async (v) => {
      replace(out);
      const answer = await api.get(ctx.cityApi('/geocode'), { q: v.q });
      if (!answer.results.length) { replace(out, h('p', { class: 'empty' }, t('adm-geo-test-none'))); return; }
      replace(out, h('ol', { class: 'adm-geo-list' }, answer.results.map((r) => h('li', {},
        h('strong', {}, r.address), ' ',
        h('span', { class: 'muted' }, t('adm-geo-test-place', { lat: r.lat.toFixed(5), lon: r.lon.toFixed(5), provider: t(`geocoding-provider-${r.provider}`) }))))));
    },
  });
  return [f, out];
}
