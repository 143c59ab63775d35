//! Reading a city's public catalogue: the city, its directories, sessions and projects.

use std::sync::Arc;
use std::time::Duration;

use entities::{budget_session, category, city, district, stage};
use moka::future::Cache;

use super::projects::{ListQuery, ProjectPage};
use crate::config::ProjectSettings;
use crate::domain::access::Actor;
use crate::domain::project::Status;
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

/// Pages of the public project catalogue, reused for the same query for a moment
/// (`projects.list_cache_ttl_ms`), so that a spike on the catalogue page (thousands of
/// requests a second) reaches the database at most once per query per TTL on each instance:
/// concurrent misses of one query wait for a single load. The catalogue is the same for every
/// caller (no caller's own data in it; see `api::projects` `list`), so one page serves
/// everyone. A change shows within the TTL. Errors are not kept.
#[derive(Clone)]
pub struct ListCache {
    /// `None` when the TTL is 0: every request reads the database.
    pages: Option<Cache<ListKey, Arc<ProjectPage>>>,
}

impl std::fmt::Debug for ListCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ListCache")
    }
}

impl ListCache {
    pub fn new(settings: &ProjectSettings) -> Self {
        let pages = (settings.list_cache_ttl_ms > 0).then(|| {
            Cache::builder()
                .max_capacity(settings.list_cache_capacity)
                .time_to_live(Duration::from_millis(settings.list_cache_ttl_ms))
                .build()
        });
        ListCache { pages }
    }
}

/// Everything a catalogue page depends on besides the data: the city and the whole query.
/// The language is not part of it: a page has no localized text (errors, which do, are not
/// cached). A query without a `seed` is a key of its own: everyone asking for the default
/// random order within one TTL gets the same shuffle and its seed, then pages on with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ListKey {
    slug: String,
    session_id: Option<i64>,
    pot_id: Option<i64>,
    category_id: Option<i64>,
    district_id: Option<i64>,
    statuses: Vec<Status>,
    text: Option<String>,
    sort: Option<String>,
    seed: Option<u32>,
    limit: u64,
    offset: u64,
}

impl ListKey {
    fn of(slug: &str, query: &ListQuery) -> Self {
        let (limit, offset) = page_bounds(query.limit, query.offset);
        ListKey {
            slug: slug.to_owned(),
            session_id: query.session_id,
            pot_id: query.pot_id,
            category_id: query.category_id,
            district_id: query.district_id,
            statuses: query.statuses.clone(),
            text: query.text.clone(),
            sort: query.sort.clone(),
            seed: query.seed,
            limit,
            offset,
        }
    }
}

/// The public catalogue (anyone may read it): a page of `super::projects::list`, from the
/// [`ListCache`] when the same query was answered less than a TTL ago.
pub async fn public_projects(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    query: ListQuery,
) -> AppResult<Arc<ProjectPage>> {
    let page = match &state.list_cache.pages {
        None => Arc::new(super::projects::list(state, None, slug, query).await?),
        Some(pages) => {
            let key = ListKey::of(slug, &query);
            pages
                .try_get_with(key, async {
                    super::projects::list(state, None, slug, query)
                        .await
                        .map(|page| Arc::new(without_long_texts(page)))
                })
                .await
                .map_err(unshared)?
        }
    };
    let Some(actor) = actor else {
        return Ok(page);
    };
    // The shared page has nobody's marks; the caller's endorsements, one query.
    let ids: Vec<i64> = page.items.iter().map(|p| p.id).collect();
    let mine = store::endorsements::endorsed_by(&state.db, actor.user_id, &ids).await?;
    let mut own = (*page).clone();
    own.endorsements.mine = Some(mine);
    Ok(Arc::new(own))
}

/// A page as the cache keeps it: the list shows no descriptions, so a cached page does not
/// hold them (up to 20,000 characters a project, and the search text besides).
fn without_long_texts(mut page: ProjectPage) -> ProjectPage {
    for project in &mut page.items {
        project.description = String::new();
        project.search_text = String::new();
        project.beneficiaries = None;
        project.implementation_notes = None;
    }
    page
}

/// The error of a load that other requests waited for too: each of them answers with it.
fn unshared(error: Arc<AppError>) -> AppError {
    Arc::try_unwrap(error).unwrap_or_else(|shared| AppError {
        status: shared.status,
        code: shared.code,
        args: shared.args.clone(),
        labels: shared.labels.clone(),
        field: shared.field.clone(),
        retry_after: shared.retry_after,
        cause: shared
            .cause
            .as_ref()
            .map(|cause| anyhow::anyhow!("{cause:#}")),
    })
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

    #[test]
    fn list_keys_differ_by_every_part_of_the_query_and_normalize_the_page() {
        let base = ListQuery::default();
        let key = |q: &ListQuery| ListKey::of("kyiv", q);
        assert_eq!(
            key(&base),
            key(&ListQuery {
                limit: Some(DEFAULT_PAGE_SIZE),
                offset: Some(0),
                ..base.clone()
            }),
            "the defaults spelled out are the same page"
        );
        assert_ne!(key(&base), ListKey::of("lviv", &base));
        let variants = [
            ListQuery {
                session_id: Some(1),
                ..base.clone()
            },
            ListQuery {
                pot_id: Some(1),
                ..base.clone()
            },
            ListQuery {
                category_id: Some(1),
                ..base.clone()
            },
            ListQuery {
                district_id: Some(1),
                ..base.clone()
            },
            ListQuery {
                statuses: vec![Status::Admitted],
                ..base.clone()
            },
            ListQuery {
                text: Some("парк".into()),
                ..base.clone()
            },
            ListQuery {
                sort: Some("newest".into()),
                ..base.clone()
            },
            ListQuery {
                seed: Some(7),
                ..base.clone()
            },
            ListQuery {
                limit: Some(12),
                ..base.clone()
            },
            ListQuery {
                offset: Some(12),
                ..base.clone()
            },
        ];
        for (i, a) in variants.iter().enumerate() {
            assert_ne!(key(a), key(&base), "{a:?}");
            for b in &variants[i + 1..] {
                assert_ne!(key(a), key(b), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn a_zero_ttl_turns_the_cache_off() {
        let off = ListCache::new(&ProjectSettings {
            list_cache_ttl_ms: 0,
            ..Default::default()
        });
        assert!(off.pages.is_none());
        assert!(ListCache::new(&ProjectSettings::default()).pages.is_some());
    }
}
