//! A project's place on the map: a checked point, and the district whose boundary holds it.

use super::content::point_in_boundary;

#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum PlaceError {
    #[error("latitude must be within [-90, 90] and longitude within [-180, 180]")]
    OutOfRange,
}

/// A WGS 84 point (degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub fn new(lat: f64, lon: f64) -> Result<LatLon, PlaceError> {
        if lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon)
        {
            Ok(LatLon { lat, lon })
        } else {
            Err(PlaceError::OutOfRange)
        }
    }
}

/// The first district (of `(id, boundary GeoJSON)`) whose boundary contains `point`; districts
/// without a usable boundary are skipped.
pub fn district_at<'a>(
    point: LatLon,
    districts: impl IntoIterator<Item = (i64, &'a str)>,
) -> Option<i64> {
    districts
        .into_iter()
        .find(|(_, boundary)| point_in_boundary(boundary, point.lon, point.lat))
        .map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares side by side, the right one with a hole.
    const LEFT: &str =
        r#"{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,51],[30,50]]]}"#;
    const RIGHT: &str = r#"{"type":"MultiPolygon","coordinates":[[
        [[31,50],[32,50],[32,51],[31,51],[31,50]],
        [[31.4,50.4],[31.6,50.4],[31.6,50.6],[31.4,50.6],[31.4,50.4]]
    ]]}"#;

    fn at(lat: f64, lon: f64) -> Option<i64> {
        district_at(
            LatLon::new(lat, lon).unwrap(),
            [(1, LEFT), (2, RIGHT), (3, "not json")],
        )
    }

    #[test]
    fn the_district_holding_the_point_is_found() {
        assert_eq!(at(50.5, 30.5), Some(1));
        assert_eq!(at(50.2, 31.8), Some(2));
        // In the hole, and outside both.
        assert_eq!(at(50.5, 31.5), None);
        assert_eq!(at(49.0, 30.5), None);
        assert_eq!(district_at(LatLon::new(50.5, 30.5).unwrap(), []), None);
    }

    #[test]
    fn points_are_checked() {
        assert!(LatLon::new(50.45, 30.52).is_ok());
        for (lat, lon) in [
            (91.0, 0.0),
            (0.0, 181.0),
            (f64::NAN, 0.0),
            (0.0, f64::INFINITY),
        ] {
            assert_eq!(LatLon::new(lat, lon), Err(PlaceError::OutOfRange));
        }
    }
}
