//! Endorsements («збір підписів підтримки»): the optional endorsement stage needs no schema
//! (stage kinds are strings); a pot's minimum, a project's count kept with each endorsement
//! and when it first reached the minimum, and the endorsements themselves, one per resident
//! per project.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BudgetPots {
    Table,
    MinEndorsements,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    EndorsementCount,
    EndorsementsReachedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Endorsements {
    Table,
    Id,
    ProjectId,
    UserId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetPots::Table)
                    .add_column(
                        ColumnDef::new(BudgetPots::MinEndorsements)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .add_column(
                        ColumnDef::new(Projects::EndorsementCount)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .add_column(
                        ColumnDef::new(Projects::EndorsementsReachedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Endorsements::Table)
                    .col(big_pk_auto(Endorsements::Id))
                    .col(big_integer(Endorsements::ProjectId))
                    .col(big_integer(Endorsements::UserId))
                    .col(
                        ColumnDef::new(Endorsements::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_endorsements_project")
                            .from(Endorsements::Table, Endorsements::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_endorsements_user")
                            .from(Endorsements::Table, Endorsements::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_endorsements_project_user")
                    .table(Endorsements::Table)
                    .col(Endorsements::ProjectId)
                    .col(Endorsements::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_endorsements_user")
                    .table(Endorsements::Table)
                    .col(Endorsements::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Endorsements::Table).to_owned())
            .await?;
        for column in [Projects::EndorsementsReachedAt, Projects::EndorsementCount] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Projects::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetPots::Table)
                    .drop_column(BudgetPots::MinEndorsements)
                    .to_owned(),
            )
            .await
    }
}
