use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A vote for a candidate in one round; (ballot, candidate) is unique.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "election_votes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ballot_id: i64,
    pub election_id: i64,
    pub round: i16,
    /// The candidate's application.
    pub candidate_id: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
