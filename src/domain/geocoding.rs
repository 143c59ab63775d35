//! Combined geocoding («Модуль комбінованого геокодингу»): which providers a city uses, in which
//! order, and how their answers become one list. No I/O here; the clients are in
//! `crate::geocoding`.

use std::fmt;

/// A geocoding provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    Nominatim,
    Visicom,
    Google,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Nominatim, Provider::Visicom, Provider::Google];

    pub fn code(self) -> &'static str {
        match self {
            Provider::Nominatim => "nominatim",
            Provider::Visicom => "visicom",
            Provider::Google => "google",
        }
    }

    pub fn from_code(code: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Whether the provider refuses requests without an API key.
    pub fn needs_key(self) -> bool {
        !matches!(self, Provider::Nominatim)
    }

    /// The public service, the default base URL.
    pub fn default_base_url(self) -> &'static str {
        match self {
            Provider::Nominatim => "https://nominatim.openstreetmap.org",
            Provider::Visicom => "https://api.visicom.ua",
            Provider::Google => "https://maps.googleapis.com",
        }
    }
}

/// How the enabled providers are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// «Послідовний»: highest priority first; the next only when the previous found nothing.
    Sequential,
    /// «Паралельний»: all at once; every answer shown, by priority.
    Parallel,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Sequential, Mode::Parallel];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Sequential => "sequential",
            Mode::Parallel => "parallel",
        }
    }

    pub fn from_code(code: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == code)
    }
}

pub const MIN_PRIORITY: u8 = 1;
pub const MAX_PRIORITY: u8 = 3;
pub const MIN_TIMEOUT_MS: u32 = 100;
pub const MAX_TIMEOUT_MS: u32 = 30_000;
pub const DEFAULT_TIMEOUT_MS: u32 = 3_000;
pub const MIN_RADIUS_KM: u32 = 1;
pub const MAX_RADIUS_KM: u32 = 200;
pub const DEFAULT_RADIUS_KM: u32 = 25;
/// Two answers closer than this are one place.
pub const SAME_PLACE_METERS: f64 = 30.0;
const MAX_KEY_CHARS: usize = 512;
const MAX_URL_CHARS: usize = 500;

/// One provider's settings in a city.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ProviderSettings {
    pub provider: Provider,
    pub enabled: bool,
    /// 1..=3; 3 is asked first.
    pub priority: u8,
    pub base_url: String,
    /// Secret: never logged, never shown back in full (see [`mask_key`]).
    pub api_key: Option<String>,
    pub timeout_ms: u32,
}

impl fmt::Debug for ProviderSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderSettings")
            .field("provider", &self.provider)
            .field("enabled", &self.enabled)
            .field("priority", &self.priority)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

impl ProviderSettings {
    /// The provider as a city finds it before anyone sets it: Nominatim on at priority 3, the
    /// others off (they need keys).
    pub fn default_for(provider: Provider) -> ProviderSettings {
        let (enabled, priority) = match provider {
            Provider::Nominatim => (true, 3),
            Provider::Visicom => (false, 2),
            Provider::Google => (false, 1),
        };
        ProviderSettings {
            provider,
            enabled,
            priority,
            base_url: provider.default_base_url().to_owned(),
            api_key: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// A city's geocoding settings: the mode and every provider (all three, in [`Provider::ALL`]
/// order).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GeocodingSettings {
    pub mode: Mode,
    /// Half the side of the box around the city's map centre that results are limited to.
    pub radius_km: u32,
    pub providers: Vec<ProviderSettings>,
}

impl Default for GeocodingSettings {
    fn default() -> Self {
        GeocodingSettings {
            mode: Mode::Sequential,
            radius_km: DEFAULT_RADIUS_KM,
            providers: Provider::ALL
                .into_iter()
                .map(ProviderSettings::default_for)
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("priority must be 1, 2 or 3")]
    Priority { provider: Provider },
    #[error("two enabled providers share priority {priority}")]
    SamePriority { provider: Provider, priority: u8 },
    #[error("base URL must be an absolute http(s) URL")]
    BaseUrl { provider: Provider },
    #[error("timeout must be within bounds")]
    Timeout { provider: Provider },
    #[error("the provider needs an API key")]
    KeyRequired { provider: Provider },
    #[error("the API key is too long or has spaces")]
    Key { provider: Provider },
    #[error("radius must be within bounds")]
    Radius,
    #[error("each provider once")]
    Providers,
}

/// Checks a city's settings; returns them with base URLs trimmed (no trailing slash).
pub fn validate(mut s: GeocodingSettings) -> Result<GeocodingSettings, SettingsError> {
    if !(MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(&s.radius_km) {
        return Err(SettingsError::Radius);
    }
    let mut seen: Vec<Provider> = s.providers.iter().map(|p| p.provider).collect();
    seen.sort();
    seen.dedup();
    if seen.len() != s.providers.len() || seen.len() != Provider::ALL.len() {
        return Err(SettingsError::Providers);
    }
    s.providers.sort_by_key(|p| p.provider);
    let mut taken: Vec<u8> = vec![];
    for p in &mut s.providers {
        let provider = p.provider;
        if !(MIN_PRIORITY..=MAX_PRIORITY).contains(&p.priority) {
            return Err(SettingsError::Priority { provider });
        }
        p.base_url = validate_base_url(&p.base_url).ok_or(SettingsError::BaseUrl { provider })?;
        if !(MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&p.timeout_ms) {
            return Err(SettingsError::Timeout { provider });
        }
        if let Some(key) = &p.api_key {
            if key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_whitespace) {
                return Err(SettingsError::Key { provider });
            }
            if key.is_empty() {
                p.api_key = None;
            }
        }
        if p.enabled {
            if provider.needs_key() && p.api_key.is_none() {
                return Err(SettingsError::KeyRequired { provider });
            }
            if taken.contains(&p.priority) {
                return Err(SettingsError::SamePriority {
                    provider,
                    priority: p.priority,
                });
            }
            taken.push(p.priority);
        }
    }
    Ok(s)
}

/// An absolute http(s) URL with a host, without a trailing slash, query or fragment.
fn validate_base_url(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    if url.len() > MAX_URL_CHARS || url.contains(['?', '#', ' ']) {
        return None;
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    let host = host.rsplit('@').next()?;
    (!host.is_empty() && !host.starts_with(':')).then(|| url.to_owned())
}

/// The enabled providers, highest priority first.
pub fn plan(s: &GeocodingSettings) -> Vec<&ProviderSettings> {
    let mut enabled: Vec<&ProviderSettings> = s.providers.iter().filter(|p| p.enabled).collect();
    enabled.sort_by_key(|p| std::cmp::Reverse(p.priority));
    enabled
}

/// What one provider answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Found(Vec<Place>),
    /// Failed, timed out or answered nonsense: "no result", and not a reason to stop.
    Failed,
}

/// The sequential step: given the answers so far (in plan order), whether to ask the next
/// provider. Stops at the first that found something.
pub fn ask_next(answers: &[Outcome]) -> bool {
    !answers
        .iter()
        .any(|a| matches!(a, Outcome::Found(places) if !places.is_empty()))
}

/// One geocoding result.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    pub provider: Provider,
    pub place_id: String,
}

/// The combined list: providers' answers given in plan order (highest priority first), kept in
/// that order, each provider's own order kept; a place within [`SAME_PLACE_METERS`] of one
/// already listed is dropped (the earlier has the higher priority); at most `limit` places.
/// `None` when every provider failed.
pub fn merge(answers: Vec<Outcome>, limit: usize) -> Option<Vec<Place>> {
    if !answers.is_empty() && answers.iter().all(|a| matches!(a, Outcome::Failed)) {
        return None;
    }
    let mut out: Vec<Place> = vec![];
    for place in answers.into_iter().flat_map(|a| match a {
        Outcome::Found(places) => places,
        Outcome::Failed => vec![],
    }) {
        if out.len() >= limit {
            break;
        }
        if !out
            .iter()
            .any(|p| distance_m(p.lat, p.lon, place.lat, place.lon) < SAME_PLACE_METERS)
        {
            out.push(place);
        }
    }
    Some(out)
}

/// Great-circle distance in meters (haversine, mean Earth radius).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const R: f64 = 6_371_008.8;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().min(1.0).asin()
}

/// A box around a point: (south, west, north, east) in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl BBox {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }
}

/// Keeps the places inside `bbox` (providers only prefer the box; some answer beyond it).
pub fn within(outcome: Outcome, bbox: &BBox) -> Outcome {
    match outcome {
        Outcome::Found(places) => Outcome::Found(
            places
                .into_iter()
                .filter(|p| bbox.contains(p.lat, p.lon))
                .collect(),
        ),
        Outcome::Failed => Outcome::Failed,
    }
}

/// The box `radius_km` to each side of (lat, lon), clamped to valid coordinates.
pub fn bbox(lat: f64, lon: f64, radius_km: u32) -> BBox {
    let r = f64::from(radius_km);
    let dlat = r / 111.32;
    let dlon = r / (111.32 * lat.to_radians().cos().abs().max(0.01));
    BBox {
        south: (lat - dlat).max(-90.0),
        west: (lon - dlon).max(-180.0),
        north: (lat + dlat).min(90.0),
        east: (lon + dlon).min(180.0),
    }
}

/// A query as the cache knows it: trimmed, lower-case, inner spaces collapsed. Empty when
/// there is nothing to look up.
pub fn normalize_query(q: &str) -> String {
    q.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub const MAX_QUERY_CHARS: usize = 200;

/// A key as admins see it: its last four characters, the rest hidden (all hidden when short).
pub fn mask_key(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 8 {
        return "•".repeat(8);
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{}{tail}", "•".repeat(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(provider: Provider, lat: f64, lon: f64, id: &str) -> Place {
        Place {
            address: format!("{id} street"),
            lat,
            lon,
            provider,
            place_id: id.into(),
        }
    }

    fn settings(entries: [(Provider, bool, u8, Option<&str>); 3]) -> GeocodingSettings {
        GeocodingSettings {
            mode: Mode::Parallel,
            radius_km: 20,
            providers: entries
                .into_iter()
                .map(|(provider, enabled, priority, key)| ProviderSettings {
                    provider,
                    enabled,
                    priority,
                    base_url: "http://127.0.0.1:9000/".into(),
                    api_key: key.map(String::from),
                    timeout_ms: 1000,
                })
                .collect(),
        }
    }

    use Provider::*;

    #[test]
    fn codes_round_trip() {
        for p in Provider::ALL {
            assert_eq!(Provider::from_code(p.code()), Some(p));
        }
        for m in Mode::ALL {
            assert_eq!(Mode::from_code(m.code()), Some(m));
        }
        assert_eq!(Provider::from_code("bing"), None);
        assert_eq!(Mode::from_code("random"), None);
        assert!(!Nominatim.needs_key() && Visicom.needs_key() && Google.needs_key());
    }

    #[test]
    fn defaults_are_nominatim_alone_and_valid() {
        let d = GeocodingSettings::default();
        assert_eq!(d.mode, Mode::Sequential);
        let plan: Vec<Provider> = plan(&d).iter().map(|p| p.provider).collect();
        assert_eq!(plan, [Nominatim]);
        assert_eq!(
            d.providers[0].base_url,
            "https://nominatim.openstreetmap.org"
        );
        assert_eq!(validate(d.clone()), Ok(d));
    }

    #[test]
    fn valid_settings_are_normalized() {
        let s = settings([
            (Google, true, 1, Some("g-key")),
            (Nominatim, true, 3, None),
            (Visicom, true, 2, Some("")),
        ]);
        assert_eq!(
            validate(s.clone()),
            Err(SettingsError::KeyRequired { provider: Visicom }),
            "an empty key is no key"
        );
        let mut s = s;
        s.providers[2].enabled = false;
        let v = validate(s).unwrap();
        assert_eq!(
            v.providers.iter().map(|p| p.provider).collect::<Vec<_>>(),
            Provider::ALL
        );
        assert_eq!(v.providers[0].base_url, "http://127.0.0.1:9000");
        assert_eq!(v.providers[1].api_key, None);
    }

    #[test]
    fn two_enabled_providers_cannot_share_a_priority() {
        let s = settings([
            (Nominatim, true, 3, None),
            (Visicom, true, 3, Some("k")),
            (Google, false, 3, None),
        ]);
        assert_eq!(
            validate(s.clone()),
            Err(SettingsError::SamePriority {
                provider: Visicom,
                priority: 3
            })
        );
        // A disabled provider may keep any priority.
        let mut s = s;
        s.providers[1].priority = 2;
        assert!(validate(s).is_ok());
    }

    #[test]
    fn bounds_are_checked() {
        let ok = settings([
            (Nominatim, true, 3, None),
            (Visicom, true, 2, Some("k")),
            (Google, true, 1, Some("g")),
        ]);
        assert!(validate(ok.clone()).is_ok());
        let with = |f: &dyn Fn(&mut GeocodingSettings)| {
            let mut s = ok.clone();
            f(&mut s);
            validate(s)
        };
        for bad in [0, 4] {
            assert_eq!(
                with(&|s| s.providers[1].priority = bad),
                Err(SettingsError::Priority { provider: Visicom })
            );
        }
        for bad in [
            "",
            "ftp://x",
            "nominatim.org",
            "http://",
            "https://x/?q=1",
            "http://:80",
        ] {
            assert_eq!(
                with(&|s| s.providers[0].base_url = bad.into()),
                Err(SettingsError::BaseUrl {
                    provider: Nominatim
                }),
                "{bad}"
            );
        }
        assert!(
            with(&|s| s.providers[0].base_url = "https://geo.kyiv.example/nominatim".into())
                .is_ok()
        );
        for bad in [MIN_TIMEOUT_MS - 1, MAX_TIMEOUT_MS + 1] {
            assert_eq!(
                with(&|s| s.providers[2].timeout_ms = bad),
                Err(SettingsError::Timeout { provider: Google })
            );
        }
        assert_eq!(
            with(&|s| s.providers[2].api_key = None),
            Err(SettingsError::KeyRequired { provider: Google })
        );
        assert_eq!(
            with(&|s| s.providers[2].api_key = Some("a b".into())),
            Err(SettingsError::Key { provider: Google })
        );
        // A disabled provider needs no key.
        assert!(
            with(&|s| {
                s.providers[2].api_key = None;
                s.providers[2].enabled = false;
            })
            .is_ok()
        );
        for bad in [0, MAX_RADIUS_KM + 1] {
            assert_eq!(with(&|s| s.radius_km = bad), Err(SettingsError::Radius));
        }
        assert_eq!(
            with(&|s| s.providers[1].provider = Nominatim),
            Err(SettingsError::Providers)
        );
        assert_eq!(
            with(&|s| {
                s.providers.pop();
            }),
            Err(SettingsError::Providers)
        );
    }

    #[test]
    fn the_plan_is_by_priority_enabled_only() {
        let s = settings([
            (Nominatim, true, 1, None),
            (Visicom, false, 3, Some("k")),
            (Google, true, 2, Some("g")),
        ]);
        let order: Vec<Provider> = plan(&s).iter().map(|p| p.provider).collect();
        assert_eq!(order, [Google, Nominatim]);
    }

    #[test]
    fn sequential_stops_at_the_first_with_results() {
        assert!(ask_next(&[]));
        assert!(ask_next(&[Outcome::Failed]));
        assert!(ask_next(&[Outcome::Found(vec![])]));
        assert!(ask_next(&[Outcome::Found(vec![]), Outcome::Failed]));
        assert!(!ask_next(&[Outcome::Found(vec![place(
            Google, 50.0, 30.0, "g"
        )])]));
        assert!(!ask_next(&[
            Outcome::Failed,
            Outcome::Found(vec![place(Visicom, 50.0, 30.0, "v")])
        ]));
    }

    #[test]
    fn merge_keeps_priority_order_and_drops_near_duplicates() {
        let high = vec![
            place(Google, 50.4501, 30.5234, "g1"),
            place(Google, 50.4600, 30.5000, "g2"),
        ];
        // ~11 m from g1: the same place; ~1.1 km from both: another.
        let low = vec![
            place(Nominatim, 50.4502, 30.5234, "n1"),
            place(Nominatim, 50.4400, 30.5234, "n2"),
        ];
        let merged = merge(
            vec![Outcome::Found(high), Outcome::Failed, Outcome::Found(low)],
            10,
        )
        .unwrap();
        let ids: Vec<&str> = merged.iter().map(|p| p.place_id.as_str()).collect();
        assert_eq!(ids, ["g1", "g2", "n2"]);
        // Within one provider too.
        let merged = merge(
            vec![Outcome::Found(vec![
                place(Visicom, 50.0, 30.0, "a"),
                place(Visicom, 50.0001, 30.0, "b"),
            ])],
            10,
        )
        .unwrap();
        assert_eq!(merged.len(), 1);
    }

    #[test]
    fn merge_limits_and_tells_all_failed_from_nothing_found() {
        let many: Vec<Place> = (0..5)
            .map(|i| place(Nominatim, 50.0 + f64::from(i) * 0.01, 30.0, &i.to_string()))
            .collect();
        assert_eq!(merge(vec![Outcome::Found(many)], 3).unwrap().len(), 3);
        assert_eq!(merge(vec![Outcome::Failed, Outcome::Failed], 3), None);
        assert_eq!(
            merge(vec![Outcome::Failed, Outcome::Found(vec![])], 3),
            Some(vec![])
        );
        assert_eq!(merge(vec![], 3), Some(vec![]));
    }

    #[test]
    fn distances() {
        assert_eq!(distance_m(50.45, 30.52, 50.45, 30.52), 0.0);
        // One degree of latitude is about 111.2 km.
        let d = distance_m(50.0, 30.0, 51.0, 30.0);
        assert!((d - 111_195.0).abs() < 100.0, "{d}");
        let d = distance_m(50.4501, 30.5234, 50.4503, 30.5234);
        assert!((d - 22.2).abs() < 0.5, "{d}");
        assert!(distance_m(0.0, 179.9999, 0.0, -179.9999) < 30.0);
    }

    #[test]
    fn boxes_around_the_city() {
        let b = bbox(50.45, 30.52, 20);
        assert!(b.south < 50.45 && b.north > 50.45 && b.west < 30.52 && b.east > 30.52);
        assert!((distance_m(b.south, 30.52, 50.45, 30.52) - 20_000.0).abs() < 100.0);
        assert!((distance_m(50.45, b.west, 50.45, 30.52) - 20_000.0).abs() < 200.0);
        assert!(b.contains(50.45, 30.52) && !b.contains(50.9, 30.52) && !b.contains(50.45, 31.0));
        let kept = within(
            Outcome::Found(vec![
                place(Google, 50.45, 30.52, "in"),
                place(Google, 48.0, 30.52, "out"),
            ]),
            &b,
        );
        assert_eq!(
            kept,
            Outcome::Found(vec![place(Google, 50.45, 30.52, "in")])
        );
        assert_eq!(within(Outcome::Failed, &b), Outcome::Failed);
        let polar = bbox(89.9, 0.0, 200);
        assert!(polar.north <= 90.0 && polar.west >= -180.0 && polar.east <= 180.0);
    }

    #[test]
    fn queries_normalize() {
        assert_eq!(normalize_query("  Хрещатик,   22 "), "хрещатик, 22");
        assert_eq!(normalize_query("KHRESHCHATYK 22"), "khreshchatyk 22");
        assert_eq!(normalize_query(" \t "), "");
    }

    #[test]
    fn keys_are_masked() {
        assert_eq!(mask_key("AIzaSyD-1234567890abcd"), "••••••••abcd");
        assert_eq!(mask_key("short"), "••••••••");
        assert_eq!(mask_key(""), "••••••••");
        assert!(!mask_key("0123456789").contains("0123"));
    }

    #[test]
    fn debug_hides_the_key() {
        let mut p = ProviderSettings::default_for(Google);
        p.api_key = Some("super-secret-key".into());
        let shown = format!(
            "{p:?} {:?}",
            GeocodingSettings {
                providers: vec![p.clone()],
                ..Default::default()
            }
        );
        assert!(!shown.contains("super-secret-key"), "{shown}");
    }
}
