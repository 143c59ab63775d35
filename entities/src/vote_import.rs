use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A paper-vote import and its report (JSON: one entry per line).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vote_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    pub created_by: Option<i64>,
    pub file_name: String,
    pub accepted: i32,
    pub refused: i32,
    #[sea_orm(column_type = "Text")]
    pub report: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
