use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// Where a project is in its life; the transitions live in the domain's status machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum ProjectStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "on_moderation")]
    OnModeration,
    #[sea_orm(string_value = "needs_revision")]
    NeedsRevision,
    #[sea_orm(string_value = "rejected")]
    Rejected,
    #[sea_orm(string_value = "admitted")]
    Admitted,
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    #[sea_orm(string_value = "winner")]
    Winner,
    #[sea_orm(string_value = "not_selected")]
    NotSelected,
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    #[sea_orm(string_value = "implemented")]
    Implemented,
    #[sea_orm(string_value = "not_implemented")]
    NotImplemented,
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    pub pot_id: Option<i64>,
    pub author_id: i64,
    pub category_id: i64,
    pub district_id: Option<i64>,
    pub title: String,
    /// Markdown as the author wrote it; rendered to sanitized HTML when shown.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Title and description in lower case, for search (SQLite lower-cases ASCII only, so
    /// this is done by the application).
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub beneficiaries: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub implementation_notes: Option<String>,
    /// What the project costs, in kopiykas: the estimate's lines and the cost reserve.
    pub cost_minor: i64,
    pub status: ProjectStatus,
    /// The reason or request that came with the last status change, if any.
    #[sea_orm(column_type = "Text", nullable)]
    pub status_comment: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub status_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Votes for the project, kept with each vote in the same transaction (the votes table is
    /// the truth; this spares counting it on every page).
    pub vote_count: i64,
    /// The session's cost reserve when the estimate was priced, in hundredths of a percent.
    pub cost_reserve_bp: i32,
    /// That reserve's amount in kopiykas (part of `cost_minor`).
    pub cost_reserve_minor: i64,
    /// Endorsements of the project, kept with each endorsement and withdrawal in the same
    /// transaction (the endorsements table is the truth).
    pub endorsement_count: i64,
    /// When the project first reached its pot's minimum of endorsements (the author is told
    /// once).
    pub endorsements_reached_at: Option<DateTime<Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::budget_session::Entity",
        from = "Column::BudgetSessionId",
        to = "super::budget_session::Column::Id",
        on_delete = "Cascade"
    )]
    BudgetSession,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::AuthorId",
        to = "super::user::Column::Id"
    )]
    Author,
    #[sea_orm(
        belongs_to = "super::category::Entity",
        from = "Column::CategoryId",
        to = "super::category::Column::Id"
    )]
    Category,
    #[sea_orm(
        belongs_to = "super::district::Entity",
        from = "Column::DistrictId",
        to = "super::district::Column::Id"
    )]
    District,
}

impl Related<super::budget_session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BudgetSession.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
