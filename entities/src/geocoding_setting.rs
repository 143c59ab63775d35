use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A city's geocoding search mode; absent until an admin saves the settings.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "geocoding_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub city_id: i64,
    /// `sequential` or `parallel`.
    pub mode: String,
    /// Results are limited to a box this far to each side of the city's map centre.
    pub radius_km: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
