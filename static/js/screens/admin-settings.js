// «Місто»: the city's names, contacts and time zone, and «Інші налаштування» («Дозволити ГБК»,
// the map's raster tiles and view).

import { api } from '../api.js';
import { t, pick } from '../i18n.js';
import { h, field, form } from '../dom.js';
import { cityChanged } from '../main.js';
import { flashNext } from './admin.js';
import { nameFields, nameOf, facts, yesNo, saved } from './admin-common.js';

export async function draw(ctx, opts) {
  const [settings, city] = await Promise.all([api.get(ctx.cityApi('/settings')), api.get(ctx.cityApi())]);
  if (opts.readOnly) {
    return [
      h('h2', {}, t('adm-city-title')),
      facts([
        [t('adm-name-uk'), city.name.uk],
        [t('adm-name-en'), city.name.en],
        [t('adm-city-slug'), city.slug],
        [t('adm-city-contacts'), city.contacts || '—'],
        [t('adm-city-time-zone'), city.time_zone],
      ]),
      h('h2', {}, t('adm-settings-title')),
      facts([
        [t('adm-settings-allow-commission'), yesNo(settings.allow_commission)],
        [t('adm-settings-tile-url'), h('code', {}, settings.tile_url)],
        [t('adm-settings-map-lat'), String(settings.map.lat)],
        [t('adm-settings-map-lon'), String(settings.map.lon)],
        [t('adm-settings-map-zoom'), String(settings.map.zoom)],
      ]),
    ];
  }
  return [h('h2', {}, t('adm-city-title')), cityForm(ctx, city), h('h2', {}, t('adm-settings-title')), settingsForm(ctx, settings)];
}

function cityForm(ctx, city) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zoneList = h('datalist', { id: 'adm-time-zones' }, zones.map((z) => h('option', { value: z })));
  const platform = Boolean(ctx.user?.platform_admin);
  return form({
    submitLabel: t('adm-city-save'),
    children: [
      ...nameFields(city.name),
      field({ label: t('adm-city-contacts'), name: 'contacts', type: 'textarea', rows: 3, value: city.contacts || '', hint: t('adm-city-contacts-hint') }),
      field({
        label: t('adm-city-time-zone'), name: 'time_zone', value: city.time_zone, required: true,
        hint: t('adm-city-time-zone-hint'), attrs: { list: 'adm-time-zones', autocomplete: 'off', spellcheck: 'false' },
      }),
      zoneList,
      platform ? field({ label: t('adm-city-slug'), name: 'slug', value: city.slug, required: true, hint: t('adm-city-slug-hint'), attrs: { spellcheck: 'false' } }) : null,
    ],
    onSubmit: async (v) => {
      const body = { name: nameOf(v), contacts: v.contacts, time_zone: v.time_zone };
      if (platform && v.slug !== city.slug) body.slug = v.slug;
      const saved = await api.patch(ctx.cityApi(), body);
      cityChanged();
      flashNext(t('adm-city-saved', { city: pick(saved.name) }));
      if (saved.slug !== city.slug) await ctx.navigate(`/cities/${saved.slug}/admin/settings`, { replace: true });
      else await ctx.rerender();
    },
  });
}

function settingsForm(ctx, s) {
  const mapBox = h('fieldset', { class: 'field adm-map', 'data-field': 'map' },
    h('legend', {}, t('adm-settings-map')),
    h('p', { class: 'hint' }, t('adm-settings-map-hint')),
    h('p', { class: 'field-error', hidden: true }),
    h('div', { class: 'adm-row' },
      field({ label: t('adm-settings-map-lat'), name: 'map.lat', type: 'number', value: s.map.lat, required: true, attrs: { step: 'any', min: -90, max: 90, inputmode: 'decimal' } }),
      field({ label: t('adm-settings-map-lon'), name: 'map.lon', type: 'number', value: s.map.lon, required: true, attrs: { step: 'any', min: -180, max: 180, inputmode: 'decimal' } }),
      field({ label: t('adm-settings-map-zoom'), name: 'map.zoom', type: 'number', value: s.map.zoom, required: true, attrs: { step: 1, min: 0, max: 19 } })));
  return form({
    submitLabel: t('adm-settings-save'),
    children: [
      field({ label: t('adm-settings-allow-commission'), name: 'allow_commission', type: 'checkbox', value: s.allow_commission, hint: t('adm-settings-allow-commission-hint') }),
      field({ label: t('adm-settings-tile-url'), name: 'tile_url', type: 'url', value: s.tile_url, required: true, hint: t('adm-settings-tile-url-hint'), attrs: { spellcheck: 'false' } }),
      mapBox,
    ],
    onSubmit: async (v, el) => {
      await api.put(ctx.cityApi('/settings'), {
        allow_commission: v.allow_commission,
        tile_url: v.tile_url,
        map: { lat: Number(v['map.lat']), lon: Number(v['map.lon']), zoom: Math.trunc(Number(v['map.zoom'])) },
      });
      cityChanged();
      saved(el, t('adm-settings-saved'));
    },
  });
}
