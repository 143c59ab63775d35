use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

/// A person's ballot in a budget session: one per person across channels.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    /// Who voted: the normalized login (phone or passport number); unique in the session.
    pub voter_key: String,
    /// The account, when the voter has one.
    pub user_id: Option<i64>,
    /// `internet` or `paper`: the channel of every vote on the ballot.
    pub channel: String,
    /// Votes on the ballot; the session's limit holds on it.
    pub votes_cast: i32,
    /// The voter's birth date (for statistics by age).
    pub birth_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
