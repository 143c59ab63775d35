//! Reading a city's public catalogue: the city, its directories, sessions and projects.

use entities::{budget_session, category, city, district, project, stage};

use crate::domain::Money;
use crate::error::{AppError, AppResult};
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
pub struct ProjectView {
    pub project: project::Model,
    pub cost: Money,
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

pub async fn list_projects(
    state: &AppState,
    slug: &str,
    limit: Option<u64>,
    offset: Option<u64>,
) -> AppResult<Page<ProjectView>> {
    let city = super::find_city(state, slug).await?;
    let (limit, offset) = page_bounds(limit, offset);
    let (items, total) = store::projects::page_in_city(&state.db, city.id, limit, offset).await?;
    Ok(Page {
        items: items.into_iter().map(ProjectView::from).collect(),
        total,
        limit,
        offset,
    })
}

pub async fn project(state: &AppState, slug: &str, id: i64) -> AppResult<ProjectView> {
    let city = super::find_city(state, slug).await?;
    store::projects::find_in_city(&state.db, city.id, id)
        .await?
        .map(ProjectView::from)
        .ok_or_else(|| {
            AppError::new(poem::http::StatusCode::NOT_FOUND, "project-not-found").arg("id", id)
        })
}

impl From<project::Model> for ProjectView {
    fn from(project: project::Model) -> Self {
        let cost = Money::from_minor_units(project.cost_minor);
        Self { project, cost }
    }
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
