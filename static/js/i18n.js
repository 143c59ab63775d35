// Messages and formats. The messages come from the API (`locales/` with the city's overrides)
// as Fluent source; `format` below implements the part of Fluent they use: `{ $name }`,
// string literals, and selectors on a variable (`{ $n -> [one] … *[other] … }`, plural
// categories or exact values). Nothing user-visible is written in JavaScript.

let messages = {};
let lang = 'uk';
const cache = new Map();

export const LANGS = ['uk', 'en'];
const LOCALES = { uk: 'uk-UA', en: 'en-GB' };

export function setMessages(code, map) {
  lang = code;
  messages = map || {};
  cache.clear();
}

export function currentLang() { return lang; }
export function locale() { return LOCALES[lang] || 'uk-UA'; }

/** Whether a message exists (for optional labels such as stage hints). */
export function has(key) { return Object.prototype.hasOwnProperty.call(messages, key); }

/** The message `key` formatted with `args`; the key itself when it is missing (so it shows). */
export function t(key, args = {}) {
  const source = messages[key];
  if (source === undefined) return key;
  let ast = cache.get(key);
  if (!ast) {
    try {
      ast = parse(source);
    } catch {
      ast = [source];
    }
    cache.set(key, ast);
  }
  return render(ast, args);
}

/** A label for a code of a kind (`project-status`, `on_moderation`) as the API names them. */
export function label(kind, code) {
  return t(`${kind}-${String(code).replaceAll('_', '-')}`);
}

/** The name in the current language of a `{uk, en}` object, falling back to Ukrainian. */
export function pick(name) {
  if (name == null) return '';
  if (typeof name === 'string') return name;
  return name[lang] || name.uk || name.en || '';
}

// ---- formats ----

const moneyFormats = new Map();
/** Money as the API sends it (a decimal string, exact) in hryvnias: «1 999 999,99 ₴». */
export function money(value) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace('-', '').split('.');
  // Group the whole part exactly (no float) with the locale's separators.
  let fmt = moneyFormats.get(lang);
  if (!fmt) {
    const parts = new Intl.NumberFormat(locale(), { minimumFractionDigits: 2 }).formatToParts(12345.6);
    fmt = {
      group: parts.find((p) => p.type === 'group')?.value ?? ' ',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? ',',
    };
    moneyFormats.set(lang, fmt);
  }
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, fmt.group);
  const cents = (frac + '00').slice(0, 2);
  return `${negative ? '−' : ''}${grouped}${fmt.decimal}${cents} ₴`;
}

export function number(value) {
  return new Intl.NumberFormat(locale()).format(value);
}

/** A percentage as the API sends it (a decimal string, `12.5`): «12,5 %». */
export function percentText(value) {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 4 }).format(Number(value) / 100);
}

export function percent(value) {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A calendar date (`2026-11-13`) in the reader's language. */
export function date(value) {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined }).format(d);
}

/** A moment in the city's time zone. */
export function dateTime(value, timeZone) {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale(), {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone,
  }).format(new Date(value));
}

/** A length of time in seconds as days, hours or minutes (the largest that fits). */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return t('time-left', { days, hours, minutes });
}

// ---- the Fluent subset ----

function parse(src) {
  let i = 0;
  function pattern(stop) {
    const out = [];
    let text = '';
    while (i < src.length && !stop()) {
      const c = src[i];
      if (c === '{') {
        if (text) { out.push(text); text = ''; }
        i++;
        out.push(placeable());
      } else {
        text += c;
        i++;
      }
    }
    if (text) out.push(text);
    return out;
  }
  function ws() { while (i < src.length && /\s/.test(src[i])) i++; }
  function expr() {
    ws();
    if (src[i] === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) { i++; }
        s += src[i++];
      }
      i++;
      return { lit: s };
    }
    if (src[i] === '$') {
      i++;
      const m = /^[A-Za-z][\w-]*/.exec(src.slice(i));
      if (!m) throw new Error('bad variable');
      i += m[0].length;
      return { v: m[0] };
    }
    const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (m) { i += m[0].length; return { lit: m[0] }; }
    throw new Error('unsupported expression');
  }
  function placeable() {
    const e = expr();
    ws();
    if (src.startsWith('->', i)) {
      i += 2;
      const variants = [];
      let def = null;
      for (;;) {
        ws();
        if (src[i] === '}') { i++; break; }
        let isDefault = false;
        if (src[i] === '*') { isDefault = true; i++; }
        if (src[i] !== '[') throw new Error('bad variant');
        const end = src.indexOf(']', i);
        const key = src.slice(i + 1, end).trim();
        i = end + 1;
        const value = pattern(() => {
          if (src[i] === '}') return true;
          if (src[i] === '\n') {
            const rest = src.slice(i + 1).trimStart();
            return rest.startsWith('[') || rest.startsWith('*[') || rest.startsWith('}');
          }
          return false;
        });
        const v = { key, value: trimPattern(value) };
        variants.push(v);
        if (isDefault) def = v;
      }
      return { sel: e, variants, def: def || variants[variants.length - 1] };
    }
    if (src[i] !== '}') throw new Error('unclosed placeable');
    i++;
    return e;
  }
  const result = pattern(() => false);
  return result;
}

function trimPattern(parts) {
  if (typeof parts[0] === 'string') parts[0] = parts[0].replace(/^\s+/, '');
  const last = parts.length - 1;
  if (typeof parts[last] === 'string') parts[last] = parts[last].replace(/\s+$/, '');
  return parts;
}

function value(e, args) {
  if ('lit' in e) return e.lit;
  const v = args[e.v];
  if (v === undefined || v === null) return `{$${e.v}}`;
  if (typeof v === 'number') return number(v);
  return String(v);
}

function render(ast, args) {
  let out = '';
  for (const part of ast) {
    if (typeof part === 'string') out += part;
    else if (part.sel) {
      const raw = 'lit' in part.sel ? part.sel.lit : args[part.sel.v];
      let chosen = part.variants.find((v) => v.key === String(raw));
      if (!chosen && typeof raw === 'number') {
        const cat = new Intl.PluralRules(locale()).select(raw);
        chosen = part.variants.find((v) => v.key === cat);
      }
      out += render((chosen || part.def).value, args);
    } else out += value(part, args);
  }
  // Multi-line messages in .ftl are indented; the source keeps the indentation.
  return out.replace(/\n[ \t]+/g, '\n');
}
