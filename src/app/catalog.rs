//! Reading a city's public catalogue: the city, its directories, sessions and projects.

use entities::{budget_session, category, city, district, stage};

use crate::error::AppResult;
use crate::state::AppState;
use crate::store;

/// The page size when the client does not ask for one, and the largest it may ask for.
pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone)]
pub struct CityOverview {
    pub city: city::Model,
    pub districts: Vec<district::Model>,
    pub categories: Vec<category::Model>,
    pub sessions: Vec<(budget_session::Model, Vec<stage::Model>)>,
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

pub async fn list_cities(state: &AppState) -> AppResult<Vec<city::Model>> {
    Ok(store::catalog::list_cities(&state.db).await?)
}

pub async fn city_overview(state: &AppState, slug: &str) -> AppResult<CityOverview> {
    let city = super::find_city(state, slug).await?;
    let (districts, categories, sessions) = tokio::try_join!(
        store::catalog::districts(&state.db, city.id),
        store::catalog::categories(&state.db, city.id),
        store::catalog::sessions_with_stages(&state.db, city.id),
    )?;
    Ok(CityOverview {
        city,
        districts,
        categories,
        sessions,
    })
}

/// Clamps the requested page to the allowed bounds. Offsets beyond what the databases can
/// address (a signed 64-bit number) simply give an empty page.
pub fn page_bounds(limit: Option<u64>, offset: Option<u64>) -> (u64, u64) {
    let limit = limit.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE);
    let offset = offset.unwrap_or(0).min(i64::MAX as u64);
    (limit, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_bounds_are_clamped() {
        assert_eq!(page_bounds(None, None), (DEFAULT_PAGE_SIZE, 0));
        assert_eq!(page_bounds(Some(0), Some(5)), (1, 5));
        assert_eq!(page_bounds(Some(10_000), None), (MAX_PAGE_SIZE, 0));
        assert_eq!(
            page_bounds(None, Some(u64::MAX)),
            (DEFAULT_PAGE_SIZE, i64::MAX as u64)
        );
    }
}
