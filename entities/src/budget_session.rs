use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub city_id: i64,
    pub name_uk: String,
    pub name_en: String,
    pub votes_per_voter: i32,
    pub created_at: DateTime<Utc>,
    pub min_voter_age: i32,
    pub min_author_age: i32,
    /// `greedy`, `greedy-no-skip`, `greedy-threshold`, `greedy-per-cost` or `equalshares/add1`
    /// (pabulib names).
    pub results_rule: String,
    pub min_votes_to_win: Option<i32>,
    /// JSON list: `password`, `kyiv_id`.
    pub registration_methods: String,
    /// JSON list of profile field codes required to take part.
    pub required_fields: String,
    /// Whether a resident may take back a vote while voting lasts.
    pub vote_withdrawal: bool,
    /// `live` (counts shown while voting lasts) or `after_results`.
    pub show_counts: String,
    /// The compulsory cost reserve of every estimate, in hundredths of a percent (2000 = 20 %).
    pub cost_reserve_bp: i32,
    /// At most one vote per category (Kyiv since 2021: «один голос на тему»).
    pub one_vote_per_category: bool,
    /// How many days an author has to appeal a rejection or an expert conclusion.
    pub appeal_days: i32,
    /// Projects need an expert's conclusion before they are admitted («експертиза»).
    pub expert_review: bool,
    /// Who may vote online: `any`, `registered` (a verified registration in the city) or
    /// `registered_or_taxpayer`.
    pub voter_eligibility: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::city::Entity",
        from = "Column::CityId",
        to = "super::city::Column::Id",
        on_delete = "Cascade"
    )]
    City,
    #[sea_orm(has_many = "super::stage::Entity")]
    Stage,
    #[sea_orm(has_many = "super::project::Entity")]
    Project,
    #[sea_orm(has_many = "super::budget_pot::Entity")]
    BudgetPot,
}

impl Related<super::budget_pot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BudgetPot.def()
    }
}

impl Related<super::city::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::City.def()
    }
}

impl Related<super::stage::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Stage.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
