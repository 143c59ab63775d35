//! Cities and their directories: districts, categories, budget sessions with stages.

use entities::prelude::*;
use entities::{budget_session, category, city, district, stage};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

pub async fn list_cities<C: ConnectionTrait>(db: &C) -> Result<Vec<city::Model>, DbErr> {
    City::find().order_by_asc(city::Column::Slug).all(db).await
}

pub async fn find_city_by_id<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<city::Model>, DbErr> {
    City::find_by_id(id).one(db).await
}

pub async fn find_city<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> Result<Option<city::Model>, DbErr> {
    City::find()
        .filter(city::Column::Slug.eq(slug))
        .one(db)
        .await
}

pub async fn districts<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<district::Model>, DbErr> {
    District::find()
        .filter(district::Column::CityId.eq(city_id))
        .order_by_asc(district::Column::NameUk)
        .all(db)
        .await
}

pub async fn categories<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<category::Model>, DbErr> {
    Category::find()
        .filter(category::Column::CityId.eq(city_id))
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await
}

/// A city's sessions, newest first, each with its stages in time order.
pub async fn sessions_with_stages<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<(budget_session::Model, Vec<stage::Model>)>, DbErr> {
    let mut sessions = BudgetSession::find()
        .filter(budget_session::Column::CityId.eq(city_id))
        .order_by_desc(budget_session::Column::CreatedAt)
        .order_by_desc(budget_session::Column::Id)
        .find_with_related(Stage)
        .all(db)
        .await?;
    for (_, stages) in &mut sessions {
        stages.sort_by_key(|s| s.starts_at);
    }
    Ok(sessions)
}

/// Whether any city exists yet (the demo seeds only an empty database).
pub async fn city_by_id<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<city::Model>, DbErr> {
    city::Entity::find_by_id(id).one(db).await
}

pub async fn has_any_city<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    Ok(City::find().one(db).await?.is_some())
}
