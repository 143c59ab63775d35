use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// The stages of a budget session, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum StageKind {
    #[sea_orm(string_value = "submission")]
    Submission,
    #[sea_orm(string_value = "endorsement")]
    Endorsement,
    #[sea_orm(string_value = "review")]
    Review,
    #[sea_orm(string_value = "voting")]
    Voting,
    #[sea_orm(string_value = "results")]
    Results,
    #[sea_orm(string_value = "implementation")]
    Implementation,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    pub kind: StageKind,
    pub starts_at: DateTime<Utc>,
    /// Exclusive: the first instant after the stage.
    pub ends_at: DateTime<Utc>,
    /// Tooltip on the site's timeline.
    #[sea_orm(column_type = "Text", nullable)]
    pub hint_uk: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub hint_en: Option<String>,
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
}

impl Related<super::budget_session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BudgetSession.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
