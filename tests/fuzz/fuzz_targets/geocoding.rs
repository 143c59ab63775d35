//! `geocoding::parse`: the answer bodies of Nominatim, Visicom and Google (the first input
//! byte picks the provider, the rest is the body).
//!
//! Properties: every place is the provider's, has a finite latitude in [-90, 90] and
//! longitude in [-180, 180], a non-blank address and a non-empty id; there are never more
//! places than the answer has items; a Google error status is passed on (at most 40
//! characters); parsing is deterministic. The combined list of those places (`merge`, limit
//! 10) keeps at most 10 of them, in their order, no two closer than `SAME_PLACE_METERS`.
#![no_main]

use hromada::domain::geocoding::{Outcome, Provider, SAME_PLACE_METERS, distance_m, merge};
use hromada::geocoding::{Failure, parse};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const PROVIDERS: [Provider; 3] = [Provider::Nominatim, Provider::Visicom, Provider::Google];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let provider = PROVIDERS[usize::from(selector) % PROVIDERS.len()];
    let result = parse(provider, body);
    assert_eq!(
        format!("{result:?}"),
        format!("{:?}", parse(provider, body))
    );
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let places = match result {
        Ok(places) => places,
        Err(Failure::Status(status)) => {
            assert_eq!(provider, Provider::Google);
            assert!(status.chars().count() <= 40);
            return;
        }
        Err(_) => return,
    };
    let json = json.expect("places from a body that is not JSON");
    let items = match provider {
        Provider::Nominatim => json.as_array().map(Vec::len),
        Provider::Visicom => match json["type"].as_str() {
            Some("FeatureCollection") => json["features"].as_array().map(Vec::len),
            Some("Feature") => Some(1),
            _ => Some(0),
        },
        Provider::Google => json["results"].as_array().map(Vec::len).or(Some(0)),
    }
    .expect("places from an answer without items");
    assert!(
        places.len() <= items,
        "{} places from {items} items",
        places.len()
    );
    for place in &places {
        assert_eq!(place.provider, provider);
        assert!(
            place.lat.is_finite() && (-90.0..=90.0).contains(&place.lat),
            "{place:?}"
        );
        assert!(
            place.lon.is_finite() && (-180.0..=180.0).contains(&place.lon),
            "{place:?}"
        );
        assert!(!place.address.trim().is_empty(), "{place:?}");
        assert!(!place.place_id.is_empty(), "{place:?}");
    }

    let merged = merge(vec![Outcome::Found(places.clone())], 10).expect("one provider answered");
    assert!(merged.len() <= 10);
    let mut from = places.iter();
    for (i, p) in merged.iter().enumerate() {
        assert!(from.any(|q| q == p), "merge invented or reordered {p:?}");
        for q in &merged[..i] {
            assert!(
                distance_m(q.lat, q.lon, p.lat, p.lon) >= SAME_PLACE_METERS,
                "{q:?} ~ {p:?}"
            );
        }
    }
});
