use sea_orm::entity::prelude::*;

/// A category a ballot has used, in a session with one vote per category; (ballot, category)
/// is unique, and `project_id` is the project the vote went to.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ballot_id: i64,
    pub category_id: i64,
    pub project_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
