use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

/// A stage of a commission election, in city dates (both days included).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "election_stages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub election_id: i64,
    /// `applications`, `review`, `round1`, `round2` or `results`.
    pub stage: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
