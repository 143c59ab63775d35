use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// An appeal (by a project's author, against a rejection or an expert conclusion) or a
/// complaint (by any resident, about a stage), decided by the commission's members' votes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appeals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub city_id: i64,
    pub budget_session_id: i64,
    pub project_id: Option<i64>,
    /// `appeal` or `complaint` (domain::appeal::Kind).
    pub kind: String,
    /// `rejection`, `expert_conclusion`, or a stage code for a complaint.
    pub subject: String,
    pub filer_id: i64,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// `pending`, `upheld` or `dismissed`.
    pub status: String,
    /// What the decision did (`reinstated`, `conclusion_overturned`, `none`, `too_late`).
    pub effect: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
