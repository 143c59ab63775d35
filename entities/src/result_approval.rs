use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A commission member's recorded vote on a session's computed winners list; one per member
/// and session, cleared when the results are computed again.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "result_approvals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    pub member_id: i64,
    pub approve: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
