//! The city directory («Місто»): names and contacts, the «Інші налаштування» tab (commission
//! elections, map), the logo, districts and categories. Each change is permission-checked
//! here and audited.

use entities::{category, city, district};
use poem::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait, TryIntoModel,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::auth::profile_error;
use super::project_files::storage_failed;
use crate::domain::access::{Action, Actor, authorize};
use crate::domain::content::{self, ContentError};
use crate::domain::profile;
use crate::domain::timeline;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;

/// Largest accepted logo.
pub const LOGO_MAX_BYTES: usize = 10 * 1024 * 1024;

fn content_error(err: ContentError, field: &str) -> AppError {
    match err {
        ContentError::TooLong { max } => AppError::invalid("field-too-long", field).arg("max", max),
        ContentError::GeoJson { reason } => {
            AppError::invalid("boundary-invalid", field).arg("reason", reason)
        }
        ContentError::TileUrl => AppError::invalid("tile-url-invalid", field),
        ContentError::MapView => AppError::invalid("map-view-invalid", field),
        ContentError::Slug => AppError::invalid("slug-invalid", field),
    }
}

#[derive(Debug, Clone, Default)]
pub struct CityChange {
    pub name_uk: Option<String>,
    pub name_en: Option<String>,
    pub contacts: Option<String>,
    pub time_zone: Option<String>,
    /// Platform admins only.
    pub slug: Option<String>,
}

pub async fn update(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    change: CityChange,
) -> AppResult<city::Model> {
    let (city, actor) = super::city_for(state, actor, slug, Action::UpdateCity).await?;
    if change.slug.is_some() {
        authorize(Some(actor), Action::DeleteCity, Some(city.id))?;
    }
    let before = json!({ "slug": city.slug, "name_uk": city.name_uk, "name_en": city.name_en, "time_zone": city.time_zone, "contacts": city.contacts });
    let has_sessions = !store::budget_sessions::of_city(&state.db, city.id)
        .await?
        .is_empty();
    let mut model = city.clone().into_active_model();
    if let Some(v) = change.name_uk {
        model.name_uk = Set(profile::name(&v).map_err(|e| profile_error(e, "name.uk"))?);
    }
    if let Some(v) = change.name_en {
        model.name_en = Set(profile::name(&v).map_err(|e| profile_error(e, "name.en"))?);
    }
    if let Some(v) = change.contacts {
        model.contacts = Set(profile::text(&v, 2000).map_err(|e| profile_error(e, "contacts"))?);
    }
    if let Some(v) = change.time_zone {
        let tz = timeline::parse_time_zone(v.trim())
            .ok_or_else(|| AppError::invalid("time-zone-invalid", "time_zone"))?;
        // Stage instants were computed in the old zone; moving the zone would move them.
        if has_sessions && tz.name() != city.time_zone {
            return Err(
                AppError::new(StatusCode::CONFLICT, "time-zone-locked").at_field("time_zone")
            );
        }
        model.time_zone = Set(tz.name().to_owned());
    }
    if let Some(v) = change.slug {
        model.slug = Set(content::validate_slug(&v).map_err(|e| content_error(e, "slug"))?);
    }
    let txn = state.db.begin().await?;
    let updated = model
        .update(&txn)
        .await
        .map_err(AppError::on_unique("city-exists", Some("slug")))?;
    let after = json!({ "slug": updated.slug, "name_uk": updated.name_uk, "name_en": updated.name_en, "time_zone": updated.time_zone, "contacts": updated.contacts });
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "city.update",
        format!("city:{}", city.id),
        json!({ "before": before, "after": after }),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Deletes a city that has no budget sessions yet (platform admins).
pub async fn delete(state: &AppState, actor: Option<&Actor>, slug: &str) -> AppResult<()> {
    let (city, actor) = super::city_for(state, actor, slug, Action::DeleteCity).await?;
    if !store::budget_sessions::of_city(&state.db, city.id)
        .await?
        .is_empty()
    {
        return Err(AppError::new(StatusCode::CONFLICT, "city-has-sessions"));
    }
    let txn = state.db.begin().await?;
    city::Entity::delete_by_id(city.id).exec(&txn).await?;
    super::audit(
        &txn,
        state,
        None,
        Some(actor),
        "city.delete",
        format!("city:{}", city.id),
        json!({ "before": { "slug": city.slug, "name_uk": city.name_uk } }),
    )
    .await?;
    txn.commit().await?;
    if let Some(key) = city.logo_key {
        // The city is gone already; a leftover logo would only waste space.
        if let Err(err) = state.storage.delete(&key).await {
            tracing::warn!(error = %err, key, "logo of a deleted city not deleted");
        }
    }
    Ok(())
}

/// «Інші налаштування».
#[derive(Debug, Clone)]
pub struct Settings {
    pub allow_commission: bool,
    pub tile_url: String,
    pub map_lat: f64,
    pub map_lon: f64,
    pub map_zoom: i32,
}

impl From<&city::Model> for Settings {
    fn from(c: &city::Model) -> Self {
        Settings {
            allow_commission: c.allow_commission,
            tile_url: c.tile_url.clone(),
            map_lat: c.map_lat,
            map_lon: c.map_lon,
            map_zoom: c.map_zoom,
        }
    }
}

pub async fn settings(state: &AppState, actor: Option<&Actor>, slug: &str) -> AppResult<Settings> {
    let (city, _) = super::city_for(state, actor, slug, Action::ViewCitySettings).await?;
    Ok(Settings::from(&city))
}

pub async fn update_settings(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    new: Settings,
) -> AppResult<Settings> {
    let (city, actor) = super::city_for(state, actor, slug, Action::UpdateCitySettings).await?;
    let tile_url =
        content::validate_tile_url(&new.tile_url).map_err(|e| content_error(e, "tile_url"))?;
    content::validate_map_view(new.map_lat, new.map_lon, new.map_zoom)
        .map_err(|e| content_error(e, "map"))?;
    if new.allow_commission != city.allow_commission && session_started(state, &city).await? {
        // «Дозволити ГБК» is set before a session starts.
        return Err(
            AppError::new(StatusCode::CONFLICT, "session-started").at_field("allow_commission")
        );
    }
    let before = Settings::from(&city);
    let mut model = city.clone().into_active_model();
    model.allow_commission = Set(new.allow_commission);
    model.tile_url = Set(tile_url);
    model.map_lat = Set(new.map_lat);
    model.map_lon = Set(new.map_lon);
    model.map_zoom = Set(new.map_zoom);
    let txn = state.db.begin().await?;
    let updated = model.update(&txn).await?;
    let after = Settings::from(&updated);
    let show = |s: &Settings| json!({ "allow_commission": s.allow_commission, "tile_url": s.tile_url, "map": [s.map_lat, s.map_lon, s.map_zoom] });
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "city.settings",
        format!("city:{}", city.id),
        json!({ "before": show(&before), "after": show(&after) }),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Whether the city's current session has begun (its first stage has opened).
async fn session_started(state: &AppState, city: &city::Model) -> AppResult<bool> {
    match super::sessions::current(state, &city.slug).await {
        Ok(view) => Ok(!matches!(view.phase, timeline::Phase::NotStarted { .. })
            && !matches!(view.phase, timeline::Phase::Finished)),
        Err(e) if e.code == "session-not-found" => Ok(false),
        Err(e) => Err(e),
    }
}

/// Replaces the city's logo (moderators, admins). The file is checked by decoding it.
pub async fn put_logo(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    bytes: Vec<u8>,
    declared: Option<&str>,
) -> AppResult<()> {
    let (city, actor) = super::city_for(state, actor, slug, Action::EditContent).await?;
    let content_type =
        super::profile::check_image(bytes.clone(), LOGO_MAX_BYTES, "logo", declared).await?;
    let extension = if content_type == "image/png" {
        "png"
    } else {
        "jpg"
    };
    let digest = hex::encode(&Sha256::digest(&bytes)[..12]);
    let key = format!("cities/{}/logo-{digest}.{extension}", city.id);
    state
        .storage
        .put(&key, bytes)
        .await
        .map_err(storage_failed)?;
    let old_key = city.logo_key.clone();
    let mut model = city.clone().into_active_model();
    model.logo_key = Set(Some(key.clone()));
    model.logo_content_type = Set(Some(content_type.to_owned()));
    let txn = state.db.begin().await?;
    model.update(&txn).await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "city.logo",
        format!("city:{}", city.id),
        json!({ "before": old_key, "after": key }),
    )
    .await?;
    txn.commit().await?;
    if let Some(old) = old_key.filter(|old| *old != key) {
        // The new logo is in place; a leftover old file would only waste space.
        if let Err(err) = state.storage.delete(&old).await {
            tracing::warn!(error = %err, key = old, "old logo not deleted");
        }
    }
    Ok(())
}

/// The logo's bytes, content type and a version tag (for caching).
pub async fn logo(state: &AppState, slug: &str) -> AppResult<(Vec<u8>, String, String)> {
    let not_found = || AppError::new(StatusCode::NOT_FOUND, "logo-not-found");
    let city = store::catalog::find_city(&state.db, slug)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "city-not-found").arg("slug", slug))?;
    let (Some(key), Some(content_type)) = (city.logo_key, city.logo_content_type) else {
        return Err(not_found());
    };
    let bytes = state
        .storage
        .get(&key)
        .await
        .map_err(storage_failed)?
        .ok_or_else(not_found)?;
    Ok((bytes.to_vec(), content_type, key))
}

#[derive(Debug, Clone, Default)]
pub struct DistrictInput {
    pub name_uk: Option<String>,
    pub name_en: Option<String>,
    /// `Some("")` removes the boundary.
    pub boundary: Option<String>,
    /// `Some(0)` removes the population.
    pub population: Option<i64>,
}

pub async fn save_district(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: Option<i64>,
    input: DistrictInput,
) -> AppResult<district::Model> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageDirectories).await?;
    let mut model = match id {
        Some(id) => district::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .filter(|d| d.city_id == city.id)
            .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "district-not-found"))?
            .into_active_model(),
        None => district::ActiveModel {
            city_id: Set(city.id),
            boundary: Set(None),
            ..Default::default()
        },
    };
    let required = |v: Option<String>, field: &str, creating: bool| -> AppResult<Option<String>> {
        match v {
            Some(v) => Ok(Some(
                profile::name(&v).map_err(|e| profile_error(e, field))?,
            )),
            None if creating => Err(AppError::invalid("field-required", field)),
            None => Ok(None),
        }
    };
    if let Some(v) = required(input.name_uk, "name.uk", id.is_none())? {
        model.name_uk = Set(v);
    }
    if let Some(v) = required(input.name_en, "name.en", id.is_none())? {
        model.name_en = Set(v);
    }
    if let Some(boundary) = input.boundary {
        let boundary = if boundary.trim().is_empty() {
            None
        } else {
            Some(content::validate_boundary(&boundary).map_err(|e| content_error(e, "boundary"))?)
        };
        model.boundary = Set(boundary);
    }
    if let Some(population) = input.population {
        if !(0..=100_000_000).contains(&population) {
            return Err(AppError::invalid("population-invalid", "population"));
        }
        model.population = Set((population > 0).then_some(population));
    }
    let txn = state.db.begin().await?;
    let saved = model
        .save(&txn)
        .await
        .map_err(AppError::on_unique("district-exists", Some("name.uk")))?;
    let saved = saved.try_into_model().map_err(AppError::internal)?;
    super::audit(&txn, state, Some(city.id), Some(actor), "district.save", format!("district:{}", saved.id), json!({ "after": { "name_uk": saved.name_uk, "name_en": saved.name_en, "has_boundary": saved.boundary.is_some() } })).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Every category of the city, inactive ones too, in display order (for the directory's
/// editors; the public city view offers the active ones only).
pub async fn categories(state: &AppState, slug: &str) -> AppResult<Vec<category::Model>> {
    let city = super::find_city(state, slug).await?;
    Ok(store::catalog::categories(&state.db, city.id).await?)
}

#[derive(Debug, Clone, Default)]
pub struct CategoryInput {
    pub name_uk: Option<String>,
    pub name_en: Option<String>,
    pub position: Option<i32>,
    pub active: Option<bool>,
}

pub async fn save_category(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: Option<i64>,
    input: CategoryInput,
) -> AppResult<category::Model> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageDirectories).await?;
    let mut model = match id {
        Some(id) => category::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .filter(|c| c.city_id == city.id)
            .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "category-not-found"))?
            .into_active_model(),
        None => {
            if input.name_uk.is_none() || input.name_en.is_none() {
                return Err(AppError::invalid("field-required", "name"));
            }
            category::ActiveModel {
                city_id: Set(city.id),
                position: Set(0),
                active: Set(true),
                ..Default::default()
            }
        }
    };
    if let Some(v) = input.name_uk {
        model.name_uk = Set(profile::name(&v).map_err(|e| profile_error(e, "name.uk"))?);
    }
    if let Some(v) = input.name_en {
        model.name_en = Set(profile::name(&v).map_err(|e| profile_error(e, "name.en"))?);
    }
    if let Some(v) = input.position {
        model.position = Set(v);
    }
    if let Some(v) = input.active {
        model.active = Set(v);
    }
    let txn = state.db.begin().await?;
    let saved = model
        .save(&txn)
        .await
        .map_err(AppError::on_unique("category-exists", Some("name.uk")))?;
    let saved = saved.try_into_model().map_err(AppError::internal)?;
    super::audit(&txn, state, Some(city.id), Some(actor), "category.save", format!("category:{}", saved.id), json!({ "after": { "name_uk": saved.name_uk, "position": saved.position, "active": saved.active } })).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a district or category that no project uses (else 409: deactivate it instead).
pub async fn delete_entry(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    kind: &str,
    id: i64,
) -> AppResult<()> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageDirectories).await?;
    let exists = match kind {
        "district" => district::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .is_some_and(|d| d.city_id == city.id),
        _ => category::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .is_some_and(|c| c.city_id == city.id),
    };
    if !exists {
        let code = if kind == "district" {
            "district-not-found"
        } else {
            "category-not-found"
        };
        return Err(AppError::new(StatusCode::NOT_FOUND, code));
    }
    let txn = state.db.begin().await?;
    let result = match kind {
        "district" => district::Entity::delete_by_id(id)
            .exec(&txn)
            .await
            .map(|_| ()),
        _ => category::Entity::delete_by_id(id)
            .exec(&txn)
            .await
            .map(|_| ()),
    };
    result.map_err(|err| {
        if crate::store::is_foreign_key_violation(&err) {
            AppError::new(StatusCode::CONFLICT, "entry-in-use")
        } else {
            AppError::from(err)
        }
    })?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        &format!("{kind}.delete"),
        format!("{kind}:{id}"),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
