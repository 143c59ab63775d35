//! A city's geocoding settings: one row for the mode, one per provider.

use chrono::{DateTime, Utc};
use entities::{geocoding_provider, geocoding_setting};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::domain::geocoding::{GeocodingSettings, Mode, Provider, ProviderSettings};

/// The city's settings; the defaults where nothing was saved. Rows this version does not know
/// (an unknown provider or mode) fall back to the defaults too.
pub async fn load<C: ConnectionTrait>(db: &C, city_id: i64) -> Result<GeocodingSettings, DbErr> {
    let mut settings = GeocodingSettings::default();
    if let Some(row) = geocoding_setting::Entity::find_by_id(city_id)
        .one(db)
        .await?
    {
        settings.mode = Mode::from_code(&row.mode).unwrap_or(settings.mode);
        settings.radius_km = u32::try_from(row.radius_km).unwrap_or(settings.radius_km);
    }
    let rows = geocoding_provider::Entity::find()
        .filter(geocoding_provider::Column::CityId.eq(city_id))
        .all(db)
        .await?;
    for row in rows {
        let Some(provider) = Provider::from_code(&row.provider) else {
            continue;
        };
        if let Some(slot) = settings
            .providers
            .iter_mut()
            .find(|p| p.provider == provider)
        {
            *slot = ProviderSettings {
                provider,
                enabled: row.enabled,
                priority: u8::try_from(row.priority).unwrap_or(1),
                base_url: row.base_url,
                api_key: row.api_key,
                timeout_ms: u32::try_from(row.timeout_ms).unwrap_or(slot.timeout_ms),
            };
        }
    }
    Ok(settings)
}

/// Replaces the city's settings. The first statement writes, so on SQLite the transaction
/// takes the write lock at once.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    settings: &GeocodingSettings,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    geocoding_setting::Entity::insert(geocoding_setting::ActiveModel {
        city_id: Set(city_id),
        mode: Set(settings.mode.code().to_owned()),
        radius_km: Set(i32::try_from(settings.radius_km).unwrap_or(i32::MAX)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(geocoding_setting::Column::CityId)
            .update_columns([
                geocoding_setting::Column::Mode,
                geocoding_setting::Column::RadiusKm,
                geocoding_setting::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    geocoding_provider::Entity::delete_many()
        .filter(geocoding_provider::Column::CityId.eq(city_id))
        .exec(db)
        .await?;
    for p in &settings.providers {
        geocoding_provider::ActiveModel {
            city_id: Set(city_id),
            provider: Set(p.provider.code().to_owned()),
            enabled: Set(p.enabled),
            priority: Set(i32::from(p.priority)),
            base_url: Set(p.base_url.clone()),
            api_key: Set(p.api_key.clone()),
            timeout_ms: Set(i32::try_from(p.timeout_ms).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
