//! Translation overrides.

use chrono::{DateTime, Utc};
use entities::translation_override;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

pub async fn overrides<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    lang: &str,
) -> Result<Vec<translation_override::Model>, DbErr> {
    translation_override::Entity::find()
        .filter(translation_override::Column::CityId.eq(city_id))
        .filter(translation_override::Column::Lang.eq(lang))
        .all(db)
        .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    lang: &str,
    key: &str,
) -> Result<Option<translation_override::Model>, DbErr> {
    translation_override::Entity::find()
        .filter(translation_override::Column::CityId.eq(city_id))
        .filter(translation_override::Column::Lang.eq(lang))
        .filter(translation_override::Column::Key.eq(key))
        .one(db)
        .await
}

/// Sets an override in one statement (insert, or update the existing one).
pub async fn set_override<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    lang: &str,
    key: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    translation_override::Entity::insert(translation_override::ActiveModel {
        city_id: Set(city_id),
        lang: Set(lang.to_owned()),
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            translation_override::Column::CityId,
            translation_override::Column::Lang,
            translation_override::Column::Key,
        ])
        .update_columns([
            translation_override::Column::Value,
            translation_override::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn delete_override<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    translation_override::Entity::delete_by_id(id)
        .exec(db)
        .await?;
    Ok(())
}

/// The overrides of `keys`, in one query.
pub async fn find_keys<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    lang: &str,
    keys: &[&str],
) -> Result<Vec<translation_override::Model>, DbErr> {
    translation_override::Entity::find()
        .filter(translation_override::Column::CityId.eq(city_id))
        .filter(translation_override::Column::Lang.eq(lang))
        .filter(translation_override::Column::Key.is_in(keys.iter().copied()))
        .all(db)
        .await
}
