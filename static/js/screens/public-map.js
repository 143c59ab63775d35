// Maps of projects with Leaflet and Leaflet.markercluster (vendored under /vendor/), loaded only
// when a map is drawn so the catalogue list stays small. Tiles come from the city's raster tile
// address (the admin's «Адреса растрових тайтлів»). A map is an extra view: every project on it
// is also in the list, which is the keyboard and screen-reader alternative.

import { t, label, money } from '../i18n.js';
import { h } from '../dom.js';

const LEAFLET = '/vendor/leaflet-1.9.4';
const CLUSTER = '/vendor/markercluster-1.5.3';

let loading = null;

function script(src) {
  return new Promise((resolve, reject) => {
    const el = h('script', { src });
    el.addEventListener('load', resolve);
    el.addEventListener('error', () => { el.remove(); reject(new Error(`${src} did not load`)); });
    document.head.append(el);
  });
}

const sheets = new Map();
function sheet(href) {
  if (!sheets.has(href)) {
    sheets.set(href, new Promise((resolve) => {
      const el = h('link', { rel: 'stylesheet', href });
      // A stylesheet that fails leaves the map unstyled but usable; never block on it.
      el.addEventListener('load', resolve);
      el.addEventListener('error', resolve);
      document.head.append(el);
    }));
  }
  return sheets.get(href);
}

/** Leaflet's global `L` with the cluster plug-in, loaded once. */
export function loadLeaflet() {
  if (!loading) {
    loading = (async () => {
      await Promise.all([
        sheet(`${LEAFLET}/leaflet.css`),
        sheet(`${CLUSTER}/MarkerCluster.css`),
        script(`${LEAFLET}/leaflet.js`),
      ]);
      await script(`${CLUSTER}/leaflet.markercluster.js`);
      window.L.Icon.Default.imagePath = `${LEAFLET}/images/`;
      return window.L;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** Runs `fn` once `el` is in the document (screens return their nodes before they are shown). */
function whenShown(el, fn) {
  let tries = 0;
  const step = () => {
    if (el.isConnected) { fn(); return; }
    tries += 1;
    if (tries < 300) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

let live = [];
/** Forgets maps whose element has left the page (after moving to another page). */
function sweep() {
  live = live.filter((m) => {
    if (m.getContainer().isConnected) return true;
    m.remove();
    return false;
  });
}

function baseMap(L, el, city, opts = {}) {
  sweep();
  const map = L.map(el, {
    center: [city.map.lat, city.map.lon],
    zoom: city.map.zoom,
    zoomControl: false,
    scrollWheelZoom: false,
    ...opts,
  });
  live.push(map);
  L.control.zoom({
    zoomInTitle: t('map-zoom-in'),
    zoomOutTitle: t('map-zoom-out'),
  }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  L.tileLayer(city.map.tile_url, {
    maxZoom: 19,
    attribution: /openstreetmap\.org/.test(city.map.tile_url)
      ? `© <a href="https://www.openstreetmap.org/copyright">${escapeHtml(t('map-osm-contributors'))}</a>`
      : '',
  }).addTo(map);
  // Leaflet names the popup's close button in English; name it in the reader's language.
  map.on('popupopen', (ev) => {
    ev.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', t('map-popup-close'));
  });
  // Scrolling the page over the map must not zoom it; once the reader clicks into the map, it may.
  map.once('focus', () => map.scrollWheelZoom.enable());
  return map;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function failed(el, fallback) {
  el.classList.add('map-failed');
  el.replaceChildren(h('p', { class: 'problem', role: 'alert' }, t('map-failed'), fallback ? ' ' : null, fallback));
}

/**
 * A map of a GeoJSON FeatureCollection of projects (`/projects-map`) with clustered markers;
 * each marker's popup links to its project. `href(id)` is the project's address. `fallback`:
 * a node shown if Leaflet cannot load (a link to the list).
 */
export function projectsMap(el, city, collection, { href, fallback } = {}) {
  whenShown(el, async () => {
    let L;
    try {
      L = await loadLeaflet();
    } catch {
      failed(el, fallback);
      return;
    }
    const map = baseMap(L, el, city);
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction(group) {
        const count = group.getChildCount();
        const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
        return L.divIcon({
          // An element (not HTML text): the count and its spoken name.
          html: h('div', {},
            h('span', { 'aria-hidden': 'true' }, String(count)),
            h('span', { class: 'visually-hidden' }, t('map-cluster', { count }))),
          className: `marker-cluster hromada-cluster hromada-cluster-${size}`,
          iconSize: L.point(44, 44),
        });
      },
    });
    for (const f of collection.features || []) {
      if (f.geometry?.type !== 'Point') continue;
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties || {};
      const marker = L.marker([lat, lon], { title: p.title, alt: t('map-marker', { title: p.title }), keyboard: true });
      marker.bindPopup(() => h('div', { class: 'map-popup' },
        h('a', { href: href(p.id) }, p.title),
        h('p', {}, label('project-status', p.status), ' · ', money(p.cost))));
      cluster.addLayer(marker);
    }
    map.addLayer(cluster);
    if (cluster.getLayers().length) {
      map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 15 });
    }
    el.dataset.markers = String(cluster.getLayers().length);
    el.dispatchEvent(new CustomEvent('map-ready', { bubbles: true }));
  });
}

/** A small map of one place (a project's location). */
export function pointMap(el, city, { lat, lon, title }) {
  whenShown(el, async () => {
    let L;
    try {
      L = await loadLeaflet();
    } catch {
      failed(el);
      return;
    }
    const map = baseMap(L, el, city, { center: [lat, lon], zoom: 15, dragging: !L.Browser.mobile });
    L.marker([lat, lon], { title, alt: t('map-marker', { title }), keyboard: false }).addTo(map);
    el.dataset.markers = '1';
    el.dispatchEvent(new CustomEvent('map-ready', { bubbles: true }));
  });
}
