use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// The author's one revision of a project in answer to a round-1 expert conclusion.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub project_id: i64,
    pub author_id: Option<i64>,
    pub cost_before_minor: i64,
    pub cost_after_minor: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
