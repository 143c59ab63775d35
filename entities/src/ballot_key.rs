use sea_orm::entity::prelude::*;

/// A number a ballot's voter is known by (login, phone, passport); unique per session, so one
/// person has one ballot whichever number they give.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_session_id: i64,
    pub voter_key: String,
    pub ballot_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
