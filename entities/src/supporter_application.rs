use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A resident's application to join a project's supporter team.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supporter_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub user_id: i64,
    /// `pending`, `accepted`, `rejected` or `removed`.
    pub status: String,
    /// 1 while pending or accepted, NULL once closed: (project, user, open) is unique.
    pub open: Option<i16>,
    /// The applicant's note to the author.
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    /// The author's comment on the last decision.
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
