use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// The computed results of one pot (JSON), published once a moderator has reviewed them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    pub pot_id: i64,
    pub rule: String,
    #[sea_orm(column_type = "Text")]
    pub outcome: String,
    pub computed_at: DateTime<Utc>,
    pub computed_by: Option<i64>,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
