use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// One vote for one project; (ballot, project) is unique.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "votes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ballot_id: i64,
    pub budget_session_id: i64,
    pub project_id: i64,
    pub pot_id: i64,
    /// `internet` or `paper`.
    pub channel: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
