//! Combined geocoding: the city's «Сервіси геокодування» settings (admins only) and the address
//! lookup behind every address field (signed-in people, rate-limited).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use poem::http::StatusCode;
use sea_orm::TransactionTrait;
use serde_json::json;

use crate::domain::access::{Action, Actor};
use crate::domain::geocoding::{
    self as rules, GeocodingSettings, MAX_QUERY_CHARS, MAX_RADIUS_KM, MAX_TIMEOUT_MS,
    MIN_RADIUS_KM, MIN_TIMEOUT_MS, Mode, Outcome, Place, Provider, ProviderSettings, SettingsError,
};
use crate::error::{AppError, AppResult};
use crate::geocoding::Query;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::store;

fn settings_error(err: SettingsError) -> AppError {
    let at = |p: Provider, what: &str| format!("providers.{}.{what}", p.code());
    match err {
        SettingsError::Priority { provider } => {
            AppError::invalid("geocoding-priority-invalid", &at(provider, "priority"))
                .arg("provider", provider.code())
        }
        SettingsError::SamePriority { provider, priority } => {
            AppError::invalid("geocoding-priority-taken", &at(provider, "priority"))
                .arg("priority", priority)
        }
        SettingsError::BaseUrl { provider } => {
            AppError::invalid("geocoding-base-url-invalid", &at(provider, "base_url"))
                .arg("provider", provider.code())
        }
        SettingsError::Timeout { provider } => {
            AppError::invalid("geocoding-timeout-invalid", &at(provider, "timeout_ms"))
                .arg("provider", provider.code())
                .arg("min", MIN_TIMEOUT_MS)
                .arg("max", MAX_TIMEOUT_MS)
        }
        SettingsError::KeyRequired { provider } => {
            AppError::invalid("geocoding-key-required", &at(provider, "api_key"))
                .arg("provider", provider.code())
        }
        SettingsError::Key { provider } => {
            AppError::invalid("geocoding-key-invalid", &at(provider, "api_key"))
                .arg("provider", provider.code())
        }
        SettingsError::Radius => AppError::invalid("geocoding-radius-invalid", "radius_km")
            .arg("min", MIN_RADIUS_KM)
            .arg("max", MAX_RADIUS_KM),
        SettingsError::Providers => AppError::invalid("geocoding-providers-invalid", "providers"),
    }
}

/// The settings (admins; observers read them). Keys are in the result: the API layer shows
/// them masked only.
pub async fn settings(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> AppResult<GeocodingSettings> {
    let (city, _) = super::city_for(state, actor, slug, Action::ViewCitySettings).await?;
    Ok(store::geocoding::load(&state.db, city.id).await?)
}

/// One provider as an admin sends it.
#[derive(Clone)]
pub struct ProviderChange {
    pub provider: Provider,
    pub enabled: bool,
    pub priority: u8,
    pub base_url: String,
    /// `None`: keep the stored key; `Some("")`: remove it; otherwise the new key.
    pub api_key: Option<String>,
    pub timeout_ms: u32,
}

impl std::fmt::Debug for ProviderChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderChange")
            .field("provider", &self.provider)
            .field("enabled", &self.enabled)
            .field("priority", &self.priority)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct SettingsChange {
    pub mode: Mode,
    /// `None` keeps the radius.
    pub radius_km: Option<u32>,
    pub providers: Vec<ProviderChange>,
}

/// What the audit log keeps of the settings: everything but the keys, which are only said to
/// be there or not.
fn audit_view(s: &GeocodingSettings) -> serde_json::Value {
    json!({
        "mode": s.mode.code(),
        "radius_km": s.radius_km,
        "providers": s.providers.iter().map(|p| json!({
            "provider": p.provider.code(),
            "enabled": p.enabled,
            "priority": p.priority,
            "base_url": p.base_url,
            "timeout_ms": p.timeout_ms,
            "has_key": p.api_key.is_some(),
        })).collect::<Vec<_>>(),
    })
}

pub async fn update_settings(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    change: SettingsChange,
) -> AppResult<GeocodingSettings> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageGeocoding).await?;
    let before = store::geocoding::load(&state.db, city.id).await?;
    let providers = change
        .providers
        .into_iter()
        .map(|c| {
            let stored = before
                .providers
                .iter()
                .find(|p| p.provider == c.provider)
                .and_then(|p| p.api_key.clone());
            ProviderSettings {
                provider: c.provider,
                enabled: c.enabled,
                priority: c.priority,
                base_url: c.base_url,
                api_key: match c.api_key {
                    None => stored,
                    Some(key) => Some(key.trim().to_owned()),
                },
                timeout_ms: c.timeout_ms,
            }
        })
        .collect();
    let new = rules::validate(GeocodingSettings {
        mode: change.mode,
        radius_km: change.radius_km.unwrap_or(before.radius_km),
        providers,
    })
    .map_err(settings_error)?;
    let txn = state.db.begin().await?;
    store::geocoding::save(&txn, city.id, &new, state.clock.now()).await?;
    let key_changes: Vec<&str> = new
        .providers
        .iter()
        .filter(|p| {
            before
                .providers
                .iter()
                .find(|b| b.provider == p.provider)
                .is_none_or(|b| b.api_key != p.api_key)
        })
        .map(|p| p.provider.code())
        .collect();
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "geocoding.settings",
        format!("city:{}", city.id),
        json!({ "before": audit_view(&before), "after": audit_view(&new), "keys_changed": key_changes }),
    )
    .await?;
    txn.commit().await?;
    Ok(new)
}

/// A fingerprint of the settings, part of the cache key: answers found under other settings are
/// never served.
fn fingerprint(s: &GeocodingSettings) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// The places matching `query` in the city, for the address field's dropdown (signed-in
/// people). Every provider failing is `geocoding-unavailable` (503), so the person is told to
/// place the point by hand; providers that worked and found nothing give an empty list.
pub async fn lookup(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    query: &str,
    lang: Lang,
) -> AppResult<Arc<Vec<Place>>> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let geocoder = &state.geocoder;
    geocoder.admit(actor.user_id).map_err(|wait| {
        AppError::new(StatusCode::TOO_MANY_REQUESTS, "geocoding-throttled")
            .retry_after(wait)
            .arg("seconds", wait)
    })?;
    let text = query.split_whitespace().collect::<Vec<_>>().join(" ");
    let normalized = rules::normalize_query(&text);
    if normalized.is_empty() || text.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::invalid("geocoding-query-invalid", "q").arg("max", MAX_QUERY_CHARS));
    }
    let settings = store::geocoding::load(&state.db, city.id).await?;
    let key = (city.id, fingerprint(&settings), lang.code(), normalized);
    if let Some(hit) = geocoder.cache.get(&key).await {
        return Ok(hit);
    }
    let plan = rules::plan(&settings);
    let bbox = rules::bbox(city.map_lat, city.map_lon, settings.radius_km);
    let q = Query {
        text: &text,
        lang: lang.code(),
        center: (city.map_lat, city.map_lon),
        radius_km: settings.radius_km,
        bbox,
        limit: geocoder.config.result_limit,
    };
    let answers: Vec<Outcome> = match settings.mode {
        Mode::Parallel => {
            futures_util::future::join_all(
                plan.iter().map(|p| geocoder.search(p, &q, &state.metrics)),
            )
            .await
        }
        Mode::Sequential => {
            let mut answers = vec![];
            for p in &plan {
                if !rules::ask_next(&answers) {
                    break;
                }
                let answer = rules::within(geocoder.search(p, &q, &state.metrics).await, &bbox);
                answers.push(answer);
            }
            answers
        }
    };
    let answers: Vec<Outcome> = answers
        .into_iter()
        .map(|a| rules::within(a, &bbox))
        .collect();
    let any_failed = answers.iter().any(|a| matches!(a, Outcome::Failed));
    let limit = usize::try_from(geocoder.config.result_limit).unwrap_or(usize::MAX);
    let Some(places) = rules::merge(answers, limit).filter(|_| !plan.is_empty()) else {
        return Err(AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "geocoding-unavailable",
        ));
    };
    let places = Arc::new(places);
    // A partial answer (a provider failed) is not kept: the next lookup asks again.
    if !any_failed {
        geocoder.cache.insert(key, places.clone()).await;
    }
    Ok(places)
}
