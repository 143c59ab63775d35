use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A voter's ballot in one round of a commission election; its count holds the round's cap.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "election_ballots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub election_id: i64,
    /// 1 or 2.
    pub round: i16,
    pub voter_id: i64,
    pub votes_cast: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
