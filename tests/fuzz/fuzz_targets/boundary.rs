//! `validate_boundary`: a district's boundary GeoJSON as an admin uploads it, and
//! `point_in_boundary`, which places projects in districts.
//!
//! Properties: the normalized boundary is a fixed point (validating it again gives it back
//! unchanged, up to serde_json's last-digit float parsing); when it is exactly one, the
//! normalized and the original text place sample points (vertices, the centre of the bounding
//! box) alike; points outside the bounding box are never inside.
#![no_main]

use hromada::domain::content::{point_in_boundary, validate_boundary};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn positions(value: &Value, out: &mut Vec<(f64, f64)>) {
    match value {
        Value::Array(items) => {
            if let [Value::Number(lon), Value::Number(lat), ..] = items.as_slice() {
                out.push((lon.as_f64().unwrap(), lat.as_f64().unwrap()));
            } else {
                for item in items {
                    positions(item, out);
                }
            }
        }
        _ => {}
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-12 * x.abs().max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(normalized) = validate_boundary(text) else {
        return;
    };
    let again = validate_boundary(&normalized).expect("the normalized boundary is refused");
    // serde_json parses floats best-effort (its `float_roundtrip` feature is off), so a long
    // number may come back one unit in the last place off: equal but for that.
    assert!(
        same(
            &serde_json::from_str(&again).unwrap(),
            &serde_json::from_str(&normalized).unwrap()
        ),
        "not a fixed point: {normalized} -> {again}"
    );

    let geometry: Value = serde_json::from_str(&normalized).expect("normalized is JSON");
    let mut points = vec![];
    positions(&geometry["coordinates"], &mut points);
    assert!(
        !points.is_empty(),
        "a boundary without positions: {normalized}"
    );
    let (mut west, mut south, mut east, mut north) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
    for &(lon, lat) in &points {
        west = west.min(lon);
        east = east.max(lon);
        south = south.min(lat);
        north = north.max(lat);
    }
    // When normalizing again gives the same text, the original's numbers came through exactly
    // (the shortest float text is one per float), so both must place every point alike.
    if again == normalized {
        let mut samples: Vec<(f64, f64)> = points.iter().take(64).copied().collect();
        samples.push(((west + east) / 2.0, (south + north) / 2.0));
        for (lon, lat) in samples {
            assert_eq!(
                point_in_boundary(text, lon, lat),
                point_in_boundary(&normalized, lon, lat),
                "({lon}, {lat}) placed differently by {text:?} and {normalized:?}"
            );
        }
    }
    for (lon, lat) in [
        (west - 1.0, south),
        (east + 1.0, north),
        (west, south - 1.0),
        (east, north + 1.0),
    ] {
        if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) {
            assert!(
                !point_in_boundary(&normalized, lon, lat),
                "({lon}, {lat}) outside the box is inside {normalized}"
            );
        }
    }
});
