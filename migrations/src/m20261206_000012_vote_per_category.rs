//! One vote per theme (Kyiv since 2021: up to 10 votes, at most one per category): a session
//! flag, and per ballot the categories it has used, unique, so that two votes in one category
//! cannot both land however close together they come.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    OneVotePerCategory,
}

#[derive(DeriveIden)]
enum Ballots {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum BallotCategories {
    Table,
    Id,
    BallotId,
    CategoryId,
    ProjectId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .add_column(
                        ColumnDef::new(BudgetSessions::OneVotePerCategory)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BallotCategories::Table)
                    .col(big_pk_auto(BallotCategories::Id))
                    .col(big_integer(BallotCategories::BallotId))
                    .col(big_integer(BallotCategories::CategoryId))
                    .col(big_integer(BallotCategories::ProjectId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ballot_categories_ballot")
                            .from(BallotCategories::Table, BallotCategories::BallotId)
                            .to(Ballots::Table, Ballots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ballot_categories")
                    .table(BallotCategories::Table)
                    .col(BallotCategories::BallotId)
                    .col(BallotCategories::CategoryId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BallotCategories::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .drop_column(BudgetSessions::OneVotePerCategory)
                    .to_owned(),
            )
            .await
    }
}
