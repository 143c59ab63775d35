use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A resident's application to stand for the commission, from draft to the election's result.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub election_id: i64,
    pub user_id: i64,
    /// `domain::election::Status` code.
    pub status: String,
    /// The last page of the form the candidate saved (0 to 3).
    pub page: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub motivation: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub experience: Option<String>,
    pub organization: Option<String>,
    pub consent_personal_data: bool,
    pub consent_rules: bool,
    /// The moderator's latest comment (what to fix).
    #[sea_orm(column_type = "Text", nullable)]
    pub moderator_comment: Option<String>,
    /// First submission: the «earlier application» tie-break.
    pub submitted_at: Option<DateTime<Utc>>,
    pub round1_votes: i64,
    pub round2_votes: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
