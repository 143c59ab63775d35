use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A public budget commission (ГБК) election, held with one budget session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "commission_elections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub city_id: i64,
    pub budget_session_id: i64,
    /// «Мінімальна кількість голосів для проходження в 2-й тур».
    pub min_votes_round2: i32,
    pub votes_round1: i32,
    pub votes_round2: i32,
    /// The commission's size.
    pub seats: i32,
    /// Comma-separated tie-break codes, in order.
    pub tie_break: String,
    /// When round 1 was closed (candidates advanced or not); set exactly once.
    pub round1_closed_at: Option<DateTime<Utc>>,
    /// When round 2 was closed (the commission elected); set exactly once.
    pub round2_closed_at: Option<DateTime<Utc>>,
    /// JSON: a tie at the last seats left for moderators (`{"candidates": [...], "seats": n}`).
    #[sea_orm(column_type = "Text", nullable)]
    pub tie: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
