use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum PotScope {
    #[sea_orm(string_value = "citywide")]
    Citywide,
    #[sea_orm(string_value = "district")]
    District,
}

/// A share of the session's budget, e.g. small or large projects, citywide or per district.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_pots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    pub name_uk: String,
    pub name_en: String,
    pub scope: PotScope,
    /// The pot's whole amount, in kopiykas.
    pub total_minor: i64,
    /// The most one project may cost, in kopiykas.
    pub max_project_cost_minor: i64,
    pub position: i32,
    /// The most votes one voter may give to projects of this pot, if limited.
    pub max_votes_per_voter: Option<i32>,
    /// Endorsements a project of this pot needs to be admitted, when the session has an
    /// endorsement stage (0: none required).
    pub min_endorsements: i32,
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
