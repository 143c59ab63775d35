//! API keys of the city property system (ІАС «Майно»): only their hashes are kept.

use chrono::{DateTime, Utc};
use entities::api_key;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

pub struct NewKey {
    pub city_id: i64,
    pub name: String,
    pub key_prefix: String,
    pub key_hash: String,
    pub created_by: i64,
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    key: NewKey,
    now: DateTime<Utc>,
) -> Result<api_key::Model, DbErr> {
    api_key::ActiveModel {
        city_id: Set(key.city_id),
        name: Set(key.name),
        key_prefix: Set(key.key_prefix),
        key_hash: Set(key.key_hash),
        created_by: Set(Some(key.created_by)),
        created_at: Set(now),
        revoked_at: Set(None),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The city's keys, newest first, revoked ones included.
pub async fn of_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<api_key::Model>, DbErr> {
    api_key::Entity::find()
        .filter(api_key::Column::CityId.eq(city_id))
        .order_by_desc(api_key::Column::Id)
        .all(db)
        .await
}

pub async fn find_by_hash<C: ConnectionTrait>(
    db: &C,
    key_hash: &str,
) -> Result<Option<api_key::Model>, DbErr> {
    api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(key_hash))
        .one(db)
        .await
}

/// Revokes a key of the city that is not yet revoked; `false` when there is none such.
pub async fn revoke<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = api_key::Entity::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_key::Column::Id.eq(id))
        .filter(api_key::Column::CityId.eq(city_id))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    id: i64,
) -> Result<Option<api_key::Model>, DbErr> {
    api_key::Entity::find_by_id(id)
        .filter(api_key::Column::CityId.eq(city_id))
        .one(db)
        .await
}

pub async fn mark_used<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    api_key::Entity::update_many()
        .col_expr(api_key::Column::LastUsedAt, Expr::value(Some(now)))
        .filter(api_key::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
