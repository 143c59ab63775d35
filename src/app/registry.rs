//! The city property system (ІАС «Майно») reads a city's projects with API keys that the
//! city's admins create and revoke. A key is shown once, when it is made; only its hash is
//! kept. Each key opens one city.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use entities::{api_key, category, city, project};
use poem::http::StatusCode;
use sea_orm::TransactionTrait;
use serde_json::json;

use crate::auth::tokens::{hash_token, random_token};
use crate::domain::access::{Action, Actor};
use crate::domain::profile;
use crate::domain::project::Status;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;
use crate::store::projects::{Filter, Order, to_entity};

/// Every key starts so, to be told apart from other secrets (and found by secret scanners).
pub const KEY_PREFIX: &str = "hrm_";
/// How much of a key lists show, to tell keys apart.
const SHOWN: usize = 12;
/// A key's last use is written at most this often.
const MARK_USED_EVERY: Duration = Duration::seconds(60);

/// A key just made: the only time its secret is known.
#[derive(Debug, Clone)]
pub struct NewKey {
    pub key: api_key::Model,
    pub secret: String,
}

fn key_not_found(id: i64) -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "api-key-not-found").arg("id", id)
}

/// Makes a key for the city (its admins).
pub async fn create_key(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    name: &str,
) -> AppResult<NewKey> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageApiKeys).await?;
    let name = profile::text(name, 100)
        .map_err(|_| AppError::invalid("field-too-long", "name").arg("max", 100))?
        .ok_or_else(|| AppError::invalid("field-required", "name"))?;
    let secret = format!("{KEY_PREFIX}{}", random_token());
    let txn = state.db.begin().await?;
    let key = store::api_keys::insert(
        &txn,
        store::api_keys::NewKey {
            city_id: city.id,
            name,
            key_prefix: secret[..SHOWN].to_owned(),
            key_hash: hash_token(&secret),
            created_by: actor.user_id,
        },
        state.clock.now(),
    )
    .await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "api_key.create",
        format!("api_key:{}", key.id),
        json!({ "name": key.name, "prefix": key.key_prefix }),
    )
    .await?;
    txn.commit().await?;
    Ok(NewKey { key, secret })
}

/// The city's keys, revoked ones included (its admins).
pub async fn keys(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> AppResult<Vec<api_key::Model>> {
    // Observers read the list too (names and dates; the keys themselves are never shown).
    let (city, _) = super::city_for(state, actor, slug, Action::ViewCitySettings).await?;
    Ok(store::api_keys::of_city(&state.db, city.id).await?)
}

/// Revokes a key for good (its city's admins). Revoking a revoked key changes nothing.
pub async fn revoke_key(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
) -> AppResult<()> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageApiKeys).await?;
    let key = store::api_keys::find(&state.db, city.id, id)
        .await?
        .ok_or_else(|| key_not_found(id))?;
    let txn = state.db.begin().await?;
    if store::api_keys::revoke(&txn, city.id, id, state.clock.now()).await? {
        super::audit(
            &txn,
            state,
            Some(city.id),
            Some(actor),
            "api_key.revoke",
            format!("api_key:{id}"),
            json!({ "name": key.name, "prefix": key.key_prefix }),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The city `slug`, if `secret` is a live key of it.
async fn open(state: &AppState, secret: &str, slug: &str) -> AppResult<city::Model> {
    let invalid = || AppError::new(StatusCode::UNAUTHORIZED, "api-key-invalid");
    if !secret.starts_with(KEY_PREFIX) {
        return Err(invalid());
    }
    let key = store::api_keys::find_by_hash(&state.db, &hash_token(secret))
        .await?
        .ok_or_else(invalid)?;
    if key.revoked_at.is_some() {
        return Err(AppError::new(StatusCode::UNAUTHORIZED, "api-key-revoked"));
    }
    let city = super::find_city(state, slug).await?;
    if key.city_id != city.id {
        return Err(AppError::new(StatusCode::FORBIDDEN, "api-key-wrong-city").arg("slug", slug));
    }
    let now = state.clock.now();
    if key
        .last_used_at
        .is_none_or(|used| now - used >= MARK_USED_EVERY)
    {
        store::api_keys::mark_used(&state.db, key.id, now).await?;
    }
    Ok(city)
}

/// The city's map settings, for a key of the city.
pub async fn city(state: &AppState, secret: &str, slug: &str) -> AppResult<city::Model> {
    open(state, secret, slug).await
}

/// A project as the property system sees it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub project: project::Model,
    pub status: Status,
    pub category: Option<category::Model>,
    pub author_name: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub items: Vec<Entry>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

/// The city's projects past their draft, least recently changed first (then by id); with
/// `since`, only those changed at or after it, and with `after_id` too, of those changed
/// exactly at `since` only the ones after that id: a sync passes the last item's `updated_at`
/// and id and never sees an item twice, however many changed at one instant.
pub async fn projects(
    state: &AppState,
    secret: &str,
    slug: &str,
    since: Option<DateTime<Utc>>,
    after_id: Option<i64>,
    limit: Option<u64>,
    offset: Option<u64>,
) -> AppResult<Page> {
    let city = open(state, secret, slug).await?;
    let filter = Filter {
        city_id: city.id,
        statuses: Status::ALL
            .into_iter()
            .filter(|s| *s != Status::Draft)
            .map(to_entity)
            .collect(),
        updated_since: since,
        after_id,
        ..Default::default()
    };
    let (limit, offset) = super::catalog::page_bounds(limit, offset);
    let (projects, total) =
        store::projects::page(&state.db, &filter, Order::LastUpdated, limit, offset).await?;
    let categories: HashMap<i64, category::Model> = store::catalog::categories(&state.db, city.id)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut author_ids: Vec<i64> = projects.iter().map(|p| p.author_id).collect();
    author_ids.sort_unstable();
    author_ids.dedup();
    let authors: HashMap<i64, String> = store::users::find_many(&state.db, &author_ids)
        .await?
        .iter()
        .map(|u| (u.id, super::projects::public_name(u)))
        .collect();
    let items = projects
        .into_iter()
        .map(|project| Entry {
            status: store::projects::to_domain(project.status),
            category: categories.get(&project.category_id).cloned(),
            author_name: authors.get(&project.author_id).cloned().unwrap_or_default(),
            project,
        })
        .collect();
    Ok(Page {
        items,
        total,
        limit,
        offset,
    })
}
