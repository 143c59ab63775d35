use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name_uk: String,
    pub name_en: String,
    pub time_zone: String,
    pub created_at: DateTime<Utc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub contacts: Option<String>,
    /// Storage key of the logo file.
    pub logo_key: Option<String>,
    pub logo_content_type: Option<String>,
    /// «Дозволити ГБК»: the city may hold commission elections.
    pub allow_commission: bool,
    /// Leaflet raster tile URL template.
    pub tile_url: String,
    pub map_lat: f64,
    pub map_lon: f64,
    pub map_zoom: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::district::Entity")]
    District,
    #[sea_orm(has_many = "super::category::Entity")]
    Category,
    #[sea_orm(has_many = "super::budget_session::Entity")]
    BudgetSession,
}

impl Related<super::district::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::District.def()
    }
}

impl Related<super::category::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Category.def()
    }
}

impl Related<super::budget_session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BudgetSession.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
