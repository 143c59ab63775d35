use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// An expert's conclusion on a project: round 1, or round 2 (final) after the author's
/// revision; unique per (project, round).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_conclusions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub expert_id: Option<i64>,
    /// 1 or 2.
    pub round: i16,
    pub feasible: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub reasons: Option<String>,
    /// The project's cost before and after the expert's correction, in kopiykas; both `None`
    /// when the cost was not corrected.
    pub cost_before_minor: Option<i64>,
    pub cost_after_minor: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// Set when the commission upheld the author's appeal against a negative conclusion.
    pub overturned: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
