//! Translation overrides.

use chrono::{DateTime, Utc};
use entities::translation_override;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};

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

/// Sets an override; returns the previous value, if any.
pub async fn set_override<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    lang: &str,
    key: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    match find(db, city_id, lang, key).await? {
        Some(existing) => {
            let before = existing.value.clone();
            let mut model = existing.into_active_model();
            model.value = Set(value.to_owned());
            model.updated_at = Set(now);
            model.update(db).await?;
            Ok(Some(before))
        }
        None => {
            translation_override::ActiveModel {
                city_id: Set(city_id),
                lang: Set(lang.to_owned()),
                key: Set(key.to_owned()),
                value: Set(value.to_owned()),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(None)
        }
    }
}

/// Removes an override; returns the value it had, or `None` when there was none.
pub async fn delete_override<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    lang: &str,
    key: &str,
) -> Result<Option<String>, DbErr> {
    let Some(existing) = find(db, city_id, lang, key).await? else {
        return Ok(None);
    };
    translation_override::Entity::delete_by_id(existing.id)
        .exec(db)
        .await?;
    Ok(Some(existing.value))
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
