//! Geocoding provider clients (OpenStreetMap Nominatim, Visicom Data API, Google Geocoding API)
//! and what they share: one HTTP client, the answers cache, Nominatim's one-request-per-second
//! limiter and the per-person lookup limiter.
//!
//! A provider that fails in any way (transport error, timeout, HTTP 429/5xx, malformed JSON, an
//! error status) is "no result" for that lookup: it is logged, without the URL (which may
//! carry an API key), and counted in metrics.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock as _, DefaultClock};
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};
use moka::future::Cache;
use serde_json::Value;

use crate::config::GeocodingSettings as Config;
use crate::domain::geocoding::{BBox, Outcome, Place, Provider, ProviderSettings};
use crate::telemetry::Metrics;

type KeyedLimiter<K> = RateLimiter<K, HashMapStateStore<K>, DefaultClock>;

/// (city id, fingerprint of the city's settings, language, normalized query): a settings
/// change makes a new key, so old answers are never served after it.
pub type CacheKey = (i64, u64, &'static str, String);

/// What is asked of every provider.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// As the person typed it, trimmed.
    pub text: &'a str,
    /// `uk` or `en`.
    pub lang: &'static str,
    pub center: (f64, f64),
    pub radius_km: u32,
    pub bbox: BBox,
    pub limit: u32,
}

pub struct Geocoder {
    client: reqwest::Client,
    pub cache: Cache<CacheKey, Arc<Vec<Place>>>,
    /// Per Nominatim base URL.
    nominatim: KeyedLimiter<String>,
    /// Per user id.
    people: KeyedLimiter<i64>,
    pub config: Config,
}

impl std::fmt::Debug for Geocoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Geocoder")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Why a provider gave no usable answer (a metrics label and a log field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Timeout,
    Transport,
    Http(u16),
    Malformed,
    /// Google's `status` other than OK and ZERO_RESULTS.
    Status(String),
}

impl Failure {
    fn reason(&self) -> &'static str {
        match self {
            Failure::Timeout => "timeout",
            Failure::Transport => "transport",
            Failure::Http(_) => "http",
            Failure::Malformed => "malformed",
            Failure::Status(_) => "status",
        }
    }
}

impl Geocoder {
    pub fn new(config: &Config) -> anyhow::Result<Geocoder> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::limited(3))
            .build()?;
        let interval = Duration::from_millis(config.nominatim_interval_ms.max(1));
        let nominatim = RateLimiter::hashmap(
            Quota::with_period(interval).ok_or_else(|| anyhow::anyhow!("zero interval"))?,
        );
        let per_minute =
            NonZeroU32::new(config.per_user_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Ok(Geocoder {
            client,
            cache: Cache::builder()
                .max_capacity(config.cache_capacity)
                .time_to_live(Duration::from_secs(config.cache_ttl_secs.max(1)))
                .build(),
            nominatim,
            people: RateLimiter::hashmap(Quota::per_minute(per_minute)),
            config: config.clone(),
        })
    }

    /// Counts one lookup by `user_id`; `Err(seconds to wait)` past the per-minute allowance.
    pub fn admit(&self, user_id: i64) -> Result<(), u64> {
        self.people.check_key(&user_id).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// Asks one provider, within its timeout (Nominatim's wait for its turn included).
    pub async fn search(&self, p: &ProviderSettings, q: &Query<'_>, metrics: &Metrics) -> Outcome {
        let code = p.provider.code();
        let timeout = Duration::from_millis(u64::from(p.timeout_ms));
        let call = async {
            if p.provider == Provider::Nominatim {
                self.nominatim.until_key_ready(&p.base_url).await;
            }
            metrics.geocoding_request(code);
            let response = self
                .request(p, q)
                .send()
                .await
                .map_err(|e| (Failure::Transport, e.without_url().to_string()))?;
            let status = response.status();
            if !status.is_success() {
                return Err((Failure::Http(status.as_u16()), String::new()));
            }
            let body = response
                .bytes()
                .await
                .map_err(|e| (Failure::Transport, e.without_url().to_string()))?;
            parse(p.provider, &body).map_err(|f| (f, String::new()))
        };
        let failure = match tokio::time::timeout(timeout, call).await {
            Ok(Ok(places)) => return Outcome::Found(places),
            Ok(Err(failure)) => failure,
            Err(_) => (Failure::Timeout, String::new()),
        };
        let (failure, detail) = failure;
        metrics.geocoding_failure(code, failure.reason());
        // Neither the URL nor anything the provider echoed may carry the key into the log.
        let detail = match &p.api_key {
            Some(key) if !key.is_empty() => detail.replace(key.as_str(), "***"),
            _ => detail,
        };
        tracing::warn!(
            provider = code,
            reason = failure.reason(),
            failure = ?failure,
            detail,
            "geocoding provider gave no answer"
        );
        Outcome::Failed
    }

    fn request(&self, p: &ProviderSettings, q: &Query<'_>) -> reqwest::RequestBuilder {
        let base = p.base_url.trim_end_matches('/');
        let key = p.api_key.clone().unwrap_or_default();
        let b = q.bbox;
        let limit = q.limit.to_string();
        match p.provider {
            Provider::Nominatim => self.client.get(format!("{base}/search")).query(&[
                ("q", q.text),
                ("format", "jsonv2"),
                ("accept-language", q.lang),
                ("limit", &limit),
                (
                    "viewbox",
                    &format!("{},{},{},{}", b.west, b.north, b.east, b.south),
                ),
                ("bounded", "1"),
            ]),
            Provider::Visicom => self
                .client
                .get(format!("{base}/data-api/5.0/{}/geocode.json", q.lang))
                .query(&[
                    ("text", q.text),
                    ("near", &format!("{},{}", q.center.1, q.center.0)),
                    ("radius", &(u64::from(q.radius_km) * 1000).to_string()),
                    ("limit", &limit),
                    ("key", &key),
                ]),
            Provider::Google => self
                .client
                .get(format!("{base}/maps/api/geocode/json"))
                .query(&[
                    ("address", q.text),
                    ("language", q.lang),
                    (
                        "bounds",
                        &format!("{},{}|{},{}", b.south, b.west, b.north, b.east),
                    ),
                    ("key", &key),
                ]),
        }
    }
}

/// A provider's answer body as places, in the provider's own order.
pub fn parse(provider: Provider, body: &[u8]) -> Result<Vec<Place>, Failure> {
    let json: Value = serde_json::from_slice(body).map_err(|_| Failure::Malformed)?;
    match provider {
        Provider::Nominatim => parse_nominatim(&json),
        Provider::Visicom => parse_visicom(&json),
        Provider::Google => parse_google(&json),
    }
}

/// A number given as a JSON number or a string.
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn checked(place: Place) -> Option<Place> {
    ((-90.0..=90.0).contains(&place.lat)
        && (-180.0..=180.0).contains(&place.lon)
        && !place.address.trim().is_empty())
    .then_some(place)
}

/// Nominatim `/search?format=jsonv2`: an array of places with `place_id`, `lat` and `lon` (as
/// strings) and `display_name`.
fn parse_nominatim(json: &Value) -> Result<Vec<Place>, Failure> {
    let items = json.as_array().ok_or(Failure::Malformed)?;
    items
        .iter()
        .map(|item| {
            let place = Place {
                address: item["display_name"]
                    .as_str()
                    .ok_or(Failure::Malformed)?
                    .to_owned(),
                lat: number(&item["lat"]).ok_or(Failure::Malformed)?,
                lon: number(&item["lon"]).ok_or(Failure::Malformed)?,
                provider: Provider::Nominatim,
                place_id: id_text(&item["place_id"]).ok_or(Failure::Malformed)?,
            };
            Ok(checked(place))
        })
        .filter_map(Result::transpose)
        .collect()
}

/// Visicom Data API geocode: a GeoJSON `FeatureCollection` (or a single `Feature` when one
/// object matches), each with `id`, `properties` and `geo_centroid` (a Point, `[lng, lat]`).
/// No match is an empty object or an empty collection.
fn parse_visicom(json: &Value) -> Result<Vec<Place>, Failure> {
    let object = json.as_object().ok_or(Failure::Malformed)?;
    let features: Vec<&Value> = match object.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => object
            .get("features")
            .and_then(Value::as_array)
            .ok_or(Failure::Malformed)?
            .iter()
            .collect(),
        Some("Feature") => vec![json],
        None if object.is_empty() => vec![],
        _ => return Err(Failure::Malformed),
    };
    features
        .into_iter()
        .map(|f| {
            let point = &f["geo_centroid"]["coordinates"];
            let place = Place {
                address: visicom_address(&f["properties"]).ok_or(Failure::Malformed)?,
                lat: number(&point[1]).ok_or(Failure::Malformed)?,
                lon: number(&point[0]).ok_or(Failure::Malformed)?,
                provider: Provider::Visicom,
                place_id: id_text(&f["id"]).ok_or(Failure::Malformed)?,
            };
            Ok(checked(place))
        })
        .filter_map(Result::transpose)
        .collect()
}

/// "вул. Хрещатик, 22, Київ" from a Visicom feature's properties (`street_type`, `street`,
/// `name`, `settlement`); a street or settlement itself is just its `name`.
fn visicom_address(props: &Value) -> Option<String> {
    let text = |k: &str| {
        props[k]
            .as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let name = text("name")?;
    let street = text("street").map(|street| match text("street_type") {
        Some(t) => format!("{t} {street}"),
        None => street,
    });
    let parts: Vec<String> = [street, Some(name), text("settlement")]
        .into_iter()
        .flatten()
        .collect();
    let mut unique: Vec<String> = vec![];
    for part in parts {
        if !unique.contains(&part) {
            unique.push(part);
        }
    }
    Some(unique.join(", "))
}

/// Google Geocoding API: `status`, and on `OK` `results[]` with `formatted_address`,
/// `place_id` and `geometry.location.{lat,lng}`. `ZERO_RESULTS` is an empty answer; any other
/// status (`OVER_QUERY_LIMIT`, `REQUEST_DENIED`, `INVALID_REQUEST`, `UNKNOWN_ERROR`, …) a
/// failure.
fn parse_google(json: &Value) -> Result<Vec<Place>, Failure> {
    match json["status"].as_str().ok_or(Failure::Malformed)? {
        "OK" => {}
        "ZERO_RESULTS" => return Ok(vec![]),
        other => return Err(Failure::Status(other.chars().take(40).collect())),
    }
    let results = json["results"].as_array().ok_or(Failure::Malformed)?;
    results
        .iter()
        .map(|r| {
            let location = &r["geometry"]["location"];
            let place = Place {
                address: r["formatted_address"]
                    .as_str()
                    .ok_or(Failure::Malformed)?
                    .to_owned(),
                lat: number(&location["lat"]).ok_or(Failure::Malformed)?,
                lon: number(&location["lng"]).ok_or(Failure::Malformed)?,
                provider: Provider::Google,
                place_id: id_text(&r["place_id"]).ok_or(Failure::Malformed)?,
            };
            Ok(checked(place))
        })
        .filter_map(Result::transpose)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominatim_jsonv2() {
        let body = br#"[{"place_id":123456,"licence":"Data (c) OpenStreetMap contributors","osm_type":"way","osm_id":1,
            "lat":"50.4473","lon":"30.5223","category":"building","type":"yes","place_rank":30,"importance":0.1,
            "addresstype":"building","name":"","display_name":"22, Khreshchatyk Street, Kyiv, Ukraine",
            "boundingbox":["50.44","50.45","30.52","30.53"]}]"#;
        let places = parse(Provider::Nominatim, body).unwrap();
        assert_eq!(
            places,
            [Place {
                address: "22, Khreshchatyk Street, Kyiv, Ukraine".into(),
                lat: 50.4473,
                lon: 30.5223,
                provider: Provider::Nominatim,
                place_id: "123456".into(),
            }]
        );
        assert_eq!(parse(Provider::Nominatim, b"[]").unwrap(), []);
        assert_eq!(
            parse(Provider::Nominatim, b"{\"error\":\"x\"}"),
            Err(Failure::Malformed)
        );
        assert_eq!(
            parse(Provider::Nominatim, b"[{\"lat\":\"x\"}]"),
            Err(Failure::Malformed)
        );
        assert_eq!(
            parse(Provider::Nominatim, b"<html>"),
            Err(Failure::Malformed)
        );
    }

    #[test]
    fn visicom_collection_feature_and_nothing() {
        let feature = r#"{"type":"Feature","id":"ADR3K1Z7Q","properties":{"categories":"adr_address",
            "name":"22","street":"Хрещатик","street_type":"вул.","settlement":"Київ","country":"Україна"},
            "bbox":[30.52,50.44,30.53,50.45],"geo_centroid":{"type":"Point","coordinates":[30.5223,50.4473]}}"#;
        let one = parse(Provider::Visicom, feature.as_bytes()).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].address, "вул. Хрещатик, 22, Київ");
        assert_eq!((one[0].lat, one[0].lon), (50.4473, 30.5223));
        assert_eq!(one[0].place_id, "ADR3K1Z7Q");
        let collection =
            format!(r#"{{"type":"FeatureCollection","features":[{feature},{feature}]}}"#);
        assert_eq!(
            parse(Provider::Visicom, collection.as_bytes())
                .unwrap()
                .len(),
            2
        );
        assert_eq!(parse(Provider::Visicom, b"{}").unwrap(), []);
        assert_eq!(
            parse(
                Provider::Visicom,
                br#"{"type":"FeatureCollection","features":[]}"#
            )
            .unwrap(),
            []
        );
        assert_eq!(
            parse(Provider::Visicom, br#"{"type":"Point"}"#),
            Err(Failure::Malformed)
        );
        assert_eq!(parse(Provider::Visicom, b"[]"), Err(Failure::Malformed));
    }

    #[test]
    fn google_statuses() {
        let ok = br#"{"results":[{"formatted_address":"Khreshchatyk St, 22, Kyiv, Ukraine, 02000",
            "geometry":{"location":{"lat":50.4473,"lng":30.5223},"location_type":"ROOFTOP"},
            "place_id":"ChIJ-abc","types":["street_address"]}],"status":"OK"}"#;
        let places = parse(Provider::Google, ok).unwrap();
        assert_eq!(places[0].place_id, "ChIJ-abc");
        assert_eq!((places[0].lat, places[0].lon), (50.4473, 30.5223));
        assert_eq!(
            parse(
                Provider::Google,
                br#"{"results":[],"status":"ZERO_RESULTS"}"#
            )
            .unwrap(),
            []
        );
        for status in [
            "OVER_QUERY_LIMIT",
            "REQUEST_DENIED",
            "INVALID_REQUEST",
            "UNKNOWN_ERROR",
        ] {
            let body = format!(r#"{{"error_message":"nope","results":[],"status":"{status}"}}"#);
            assert_eq!(
                parse(Provider::Google, body.as_bytes()),
                Err(Failure::Status(status.into()))
            );
        }
        assert_eq!(parse(Provider::Google, b"{}"), Err(Failure::Malformed));
    }

    #[test]
    fn places_out_of_range_or_nameless_are_dropped() {
        let body = br#"[{"place_id":1,"lat":"95","lon":"30","display_name":"x"},
            {"place_id":2,"lat":"50","lon":"30","display_name":"  "}]"#;
        assert_eq!(parse(Provider::Nominatim, body).unwrap(), []);
    }
}
