//! Supporter teams: a resident applies to join a project's team, the author accepts, rejects
//! or later removes them; every decision is kept in the application's history.
//!
//! At most one *open* application (pending or accepted) per resident and project: `open` is 1
//! for those and NULL once closed, and (project, user, open) is unique. NULLs are distinct in
//! both SQLite and PostgreSQL, so closed applications pile up freely and a resident may apply
//! again after a rejection or removal.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SupporterApplications {
    Table,
    Id,
    ProjectId,
    UserId,
    Status,
    Open,
    Comment,
    DecisionComment,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SupporterHistory {
    Table,
    Id,
    ApplicationId,
    ActorId,
    FromStatus,
    ToStatus,
    Comment,
    CreatedAt,
}

fn at(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SupporterApplications::Table)
                    .col(big_pk_auto(SupporterApplications::Id))
                    .col(big_integer(SupporterApplications::ProjectId))
                    .col(big_integer(SupporterApplications::UserId))
                    .col(string_len(SupporterApplications::Status, 16))
                    .col(small_integer_null(SupporterApplications::Open))
                    .col(text_null(SupporterApplications::Comment))
                    .col(text_null(SupporterApplications::DecisionComment))
                    .col(at(SupporterApplications::CreatedAt))
                    .col(at(SupporterApplications::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supporter_applications_project")
                            .from(
                                SupporterApplications::Table,
                                SupporterApplications::ProjectId,
                            )
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supporter_applications_user")
                            .from(SupporterApplications::Table, SupporterApplications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_supporter_applications_open")
                    .table(SupporterApplications::Table)
                    .col(SupporterApplications::ProjectId)
                    .col(SupporterApplications::UserId)
                    .col(SupporterApplications::Open)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_supporter_applications_user")
                    .table(SupporterApplications::Table)
                    .col(SupporterApplications::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupporterHistory::Table)
                    .col(big_pk_auto(SupporterHistory::Id))
                    .col(big_integer(SupporterHistory::ApplicationId))
                    .col(big_integer_null(SupporterHistory::ActorId))
                    .col(string_len_null(SupporterHistory::FromStatus, 16))
                    .col(string_len(SupporterHistory::ToStatus, 16))
                    .col(text_null(SupporterHistory::Comment))
                    .col(at(SupporterHistory::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supporter_history_application")
                            .from(SupporterHistory::Table, SupporterHistory::ApplicationId)
                            .to(SupporterApplications::Table, SupporterApplications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supporter_history_actor")
                            .from(SupporterHistory::Table, SupporterHistory::ActorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_supporter_history_application")
                    .table(SupporterHistory::Table)
                    .col(SupporterHistory::ApplicationId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SupporterHistory::Table.into_iden(),
            SupporterApplications::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
