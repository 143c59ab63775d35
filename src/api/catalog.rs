//! Public catalogue: cities, their directories and sessions, projects.

use chrono::{DateTime, Utc};
use poem::Result;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

use super::ApiTags;
use super::types::LocalizedName;
use crate::app::catalog;
use crate::state::AppState;

pub struct CatalogApi;

#[derive(Debug, Object)]
pub struct CityDto {
    /// The city's number, as roles (`city_id`) name it.
    pub id: i64,
    pub slug: String,
    pub name: LocalizedName,
    /// IANA time zone in which the city's stages open and close.
    pub time_zone: String,
}

#[derive(Debug, Object)]
pub struct DirectoryEntry {
    pub id: i64,
    pub name: LocalizedName,
}

#[derive(Debug, Enum)]
#[oai(rename_all = "snake_case")]
pub enum StageKindDto {
    Submission,
    Endorsement,
    Review,
    Voting,
    Results,
    Implementation,
}

#[derive(Debug, Object)]
pub struct StageDto {
    pub kind: StageKindDto,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Debug, Object)]
pub struct SessionDto {
    pub id: i64,
    pub name: LocalizedName,
    /// How many projects a resident may vote for.
    pub votes_per_voter: i32,
    pub stages: Vec<StageDto>,
}

/// What a map of the city needs (public: every visitor's browser loads the tiles).
#[derive(Debug, Object)]
pub struct PublicMap {
    pub tile_url: String,
    pub lat: f64,
    pub lon: f64,
    pub zoom: i32,
}

#[derive(Debug, Object)]
pub struct DistrictDto {
    pub id: i64,
    pub name: LocalizedName,
    /// GeoJSON Polygon or MultiPolygon, when the city has drawn it.
    #[oai(nullable)]
    pub boundary: Option<serde_json::Value>,
    /// Residents, when the city has entered it.
    #[oai(nullable)]
    pub population: Option<i64>,
}

pub fn district_out(d: entities::district::Model) -> DistrictDto {
    DistrictDto {
        id: d.id,
        name: LocalizedName::new(&d.name_uk, &d.name_en),
        boundary: d.boundary.and_then(|b| serde_json::from_str(&b).ok()),
        population: d.population,
    }
}

#[derive(Debug, Object)]
pub struct CityDetail {
    #[oai(flatten)]
    pub city: CityDto,
    #[oai(nullable)]
    pub contacts: Option<String>,
    /// Where the logo is, when the city has one.
    #[oai(nullable)]
    pub logo_url: Option<String>,
    pub map: PublicMap,
    pub districts: Vec<DistrictDto>,
    /// Active categories, in display order.
    pub categories: Vec<DirectoryEntry>,
    /// Newest first.
    pub sessions: Vec<SessionDto>,
}

#[OpenApi]
impl CatalogApi {
    /// Cities on this platform.
    #[oai(
        path = "/cities",
        method = "get",
        tag = "ApiTags::Cities",
        operation_id = "listCities"
    )]
    async fn list_cities(&self, state: Data<&AppState>) -> Result<Json<Vec<CityDto>>> {
        let cities = catalog::list_cities(&state).await?;
        Ok(Json(cities.into_iter().map(CityDto::from).collect()))
    }

    /// A city with its districts, categories and budget sessions.
    #[oai(
        path = "/cities/:slug",
        method = "get",
        tag = "ApiTags::Cities",
        operation_id = "getCity"
    )]
    async fn city(&self, state: Data<&AppState>, slug: Path<String>) -> Result<Json<CityDetail>> {
        let o = catalog::city_overview(&state, &slug).await?;
        // Versioned by the stored file, so a new logo shows at once despite caching.
        let logo_url = o.city.logo_key.as_ref().map(|key| {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::hash::DefaultHasher::new();
            key.hash(&mut hasher);
            format!(
                "/api/v1/cities/{}/logo?v={:x}",
                o.city.slug,
                hasher.finish()
            )
        });
        let map = PublicMap {
            tile_url: o.city.tile_url.clone(),
            lat: o.city.map_lat,
            lon: o.city.map_lon,
            zoom: o.city.map_zoom,
        };
        let contacts = o.city.contacts.clone();
        Ok(Json(CityDetail {
            city: o.city.into(),
            contacts,
            logo_url,
            map,
            districts: o.districts.into_iter().map(district_out).collect(),
            categories: o
                .categories
                .into_iter()
                .filter(|c| c.active)
                .map(|c| DirectoryEntry {
                    id: c.id,
                    name: LocalizedName::new(&c.name_uk, &c.name_en),
                })
                .collect(),
            sessions: o
                .sessions
                .into_iter()
                .map(|(s, stages)| SessionDto {
                    id: s.id,
                    name: LocalizedName::new(&s.name_uk, &s.name_en),
                    votes_per_voter: s.votes_per_voter,
                    stages: stages
                        .into_iter()
                        .map(|st| StageDto {
                            kind: st.kind.into(),
                            starts_at: st.starts_at,
                            ends_at: st.ends_at,
                        })
                        .collect(),
                })
                .collect(),
        }))
    }
}

impl From<entities::city::Model> for CityDto {
    fn from(c: entities::city::Model) -> Self {
        Self {
            id: c.id,
            slug: c.slug,
            name: LocalizedName::new(&c.name_uk, &c.name_en),
            time_zone: c.time_zone,
        }
    }
}

impl From<entities::stage::StageKind> for StageKindDto {
    fn from(kind: entities::stage::StageKind) -> Self {
        use entities::stage::StageKind as K;
        match kind {
            K::Submission => Self::Submission,
            K::Endorsement => Self::Endorsement,
            K::Review => Self::Review,
            K::Voting => Self::Voting,
            K::Results => Self::Results,
            K::Implementation => Self::Implementation,
        }
    }
}
