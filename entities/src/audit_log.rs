use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// One action by staff. Rows are never updated or deleted (triggers refuse it); each row's
/// `hash` covers the previous row's hash and its own content, so any change breaks the chain.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub city_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub action: String,
    pub target: String,
    /// Before/after summary as JSON text.
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(unique)]
    pub prev_hash: String,
    #[sea_orm(unique)]
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
