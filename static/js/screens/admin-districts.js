// Districts: the list with each boundary drawn small, adding, changing (names, population, a
// boundary uploaded as a GeoJSON file) and deleting those no project uses.

import { api } from '../api.js';
import { t, pick, number } from '../i18n.js';
import { h, field, table } from '../dom.js';
import { cityChanged } from '../main.js';
import { nameFields, nameOf, removeEntry, formDialog, intOrNull } from './admin-common.js';

export async function draw(ctx, opts) {
  const city = await api.get(ctx.cityApi());
  const districts = city.districts;
  const status = h('div', { class: 'adm-list-status' });
  const cols = [
    [t('adm-district-name'), (d) => h('span', {}, h('strong', { lang: 'uk' }, d.name.uk), h('br'), h('span', { class: 'muted', lang: 'en' }, d.name.en))],
    [t('adm-district-boundary'), (d) => (d.boundary ? h('span', { class: 'adm-boundary' }, outline(d.boundary, pick(d.name)), t('adm-district-boundary-points', { count: points(d.boundary) })) : h('span', { class: 'muted' }, t('adm-district-no-boundary')))],
    [t('adm-district-population'), (d) => (d.population ? number(d.population) : '—')],
  ];
  if (!opts.readOnly) {
    cols.push([t('adm-actions'), (d) => h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: () => edit(ctx, opts, d), 'aria-label': t('adm-edit-named', { name: pick(d.name) }) }, t('action-edit')),
      h('button', { type: 'button', class: 'btn danger', onclick: () => removeEntry(ctx, opts, { kind: 'district', path: `/districts/${d.id}`, entry: d, status }), 'aria-label': t('adm-delete-named', { name: pick(d.name) }) }, t('action-delete')))]);
  }
  return [
    h('h2', {}, t('adm-districts-title')),
    h('p', { class: 'lead' }, t('adm-districts-lead')),
    opts.readOnly ? null : h('p', {}, h('button', { type: 'button', class: 'btn primary', onclick: () => edit(ctx, opts, null) }, t('adm-district-add'))),
    status,
    table(cols, districts, { caption: t('adm-districts-caption', { count: districts.length }), empty: t('adm-districts-empty') }),
  ];
}

function edit(ctx, opts, d) {
  const file = field({ label: t('adm-district-boundary-file'), name: 'boundary', type: 'file', hint: t('adm-district-boundary-hint'), attrs: { accept: '.geojson,.json,application/geo+json,application/json' } });
  formDialog({
    title: d ? t('adm-district-edit', { name: pick(d.name) }) : t('adm-district-add'),
    submitLabel: d ? t('action-save') : t('action-add'),
    children: [
      ...nameFields(d?.name),
      field({ label: t('adm-district-population'), name: 'population', type: 'number', value: d?.population ?? '', hint: t('adm-district-population-hint'), attrs: { min: 0, step: 1, inputmode: 'numeric' } }),
      file,
      d?.boundary ? field({ label: t('adm-district-remove-boundary'), name: 'remove_boundary', type: 'checkbox', value: false }) : null,
    ],
    onSubmit: async (v) => {
      const body = { name: nameOf(v) };
      const population = intOrNull(v.population);
      if (population !== null) body.population = population;
      else if (d?.population) body.population = 0;
      if (v.boundary) body.boundary = await readText(v.boundary);
      else if (v.remove_boundary) body.boundary = '';
      return d ? api.patch(ctx.cityApi(`/districts/${d.id}`), body) : api.post(ctx.cityApi('/districts'), body);
    },
    done: async (saved) => {
      cityChanged();
      await opts.reload();
      opts.flash(t(d ? 'adm-district-saved' : 'adm-district-added', { name: pick(saved.name) }));
    },
  });
}


/** A file's text, read in the browser (the API takes the GeoJSON as a string). */
function readText(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

function points(geometry) {
  return rings(geometry).reduce((n, r) => n + r.length, 0);
}

/** The boundary's outline as a small picture (north up; longitude squeezed by latitude). */
function outline(geometry, name) {
  const all = rings(geometry);
  const coords = all.flat();
  if (!coords.length) return null;
  const lats = coords.map((c) => c[1]);
  const lons = coords.map((c) => c[0]);
  const minLat = Math.min(...lats); const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons); const maxLon = Math.max(...lons);
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const w = (maxLon - minLon) * k || 1e-9;
  const hgt = (maxLat - minLat) || 1e-9;
  const scale = 44 / Math.max(w, hgt);
  const path = all.map((ring) => ring.map(([lon, lat], i) =>
    `${i ? 'L' : 'M'}${(2 + (lon - minLon) * k * scale).toFixed(1)} ${(2 + (maxLat - lat) * scale).toFixed(1)}`).join(' ') + ' Z').join(' ');
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 48 48');
  svg.setAttribute('width', '48');
  svg.setAttribute('height', '48');
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', 'adm-outline');
  const title = document.createElementNS(svgNs, 'title');
  title.textContent = t('adm-district-outline', { name });
  const p = document.createElementNS(svgNs, 'path');
  p.setAttribute('d', path);
  p.setAttribute('fill-rule', 'evenodd');
  svg.append(title, p);
  return svg;
}
