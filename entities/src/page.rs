use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A static page under "Про проект" (About). Bodies are Markdown, rendered and sanitized on
/// the way out.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub city_id: i64,
    pub slug: String,
    pub title_uk: String,
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub body_uk: String,
    #[sea_orm(column_type = "Text")]
    pub body_en: String,
    pub position: i32,
    pub published: bool,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
