//! Appeals and complaints, decided by the public budget commission (ГБК): an author appeals a
//! rejection or an expert conclusion within the session's `appeal_days`; any resident files a
//! complaint about a stage. Each commission member records one vote with a reason; a majority
//! of the members decides.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    Id,
    AppealDays,
}

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Appeals {
    Table,
    Id,
    CityId,
    BudgetSessionId,
    ProjectId,
    Kind,
    Subject,
    FilerId,
    Body,
    Status,
    Effect,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum AppealVotes {
    Table,
    Id,
    AppealId,
    MemberId,
    Uphold,
    Reason,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .add_column(
                        ColumnDef::new(BudgetSessions::AppealDays)
                            .integer()
                            .not_null()
                            .default(7),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Appeals::Table)
                    .col(big_pk_auto(Appeals::Id))
                    .col(big_integer(Appeals::CityId))
                    .col(big_integer(Appeals::BudgetSessionId))
                    .col(big_integer_null(Appeals::ProjectId))
                    .col(string_len(Appeals::Kind, 16))
                    .col(string_len(Appeals::Subject, 32))
                    .col(big_integer(Appeals::FilerId))
                    .col(text(Appeals::Body))
                    .col(string_len(Appeals::Status, 16))
                    .col(string_len_null(Appeals::Effect, 32))
                    .col(
                        ColumnDef::new(Appeals::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Appeals::DecidedAt).timestamp_with_time_zone())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appeals_city")
                            .from(Appeals::Table, Appeals::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appeals_session")
                            .from(Appeals::Table, Appeals::BudgetSessionId)
                            .to(BudgetSessions::Table, BudgetSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appeals_project")
                            .from(Appeals::Table, Appeals::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appeals_filer")
                            .from(Appeals::Table, Appeals::FilerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One appeal per project and subject, one complaint per resident, project and stage
        // (a complaint about no project in particular has a NULL project: not limited here).
        manager
            .create_index(
                Index::create()
                    .name("ux_appeals_filed")
                    .table(Appeals::Table)
                    .col(Appeals::ProjectId)
                    .col(Appeals::Kind)
                    .col(Appeals::Subject)
                    .col(Appeals::FilerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_appeals_city")
                    .table(Appeals::Table)
                    .col(Appeals::CityId)
                    .col(Appeals::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AppealVotes::Table)
                    .col(big_pk_auto(AppealVotes::Id))
                    .col(big_integer(AppealVotes::AppealId))
                    .col(big_integer(AppealVotes::MemberId))
                    .col(boolean(AppealVotes::Uphold))
                    .col(text(AppealVotes::Reason))
                    .col(
                        ColumnDef::new(AppealVotes::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AppealVotes::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appeal_votes_appeal")
                            .from(AppealVotes::Table, AppealVotes::AppealId)
                            .to(Appeals::Table, Appeals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appeal_votes_member")
                            .from(AppealVotes::Table, AppealVotes::MemberId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_appeal_votes")
                    .table(AppealVotes::Table)
                    .col(AppealVotes::AppealId)
                    .col(AppealVotes::MemberId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AppealVotes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Appeals::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .drop_column(BudgetSessions::AppealDays)
                    .to_owned(),
            )
            .await
    }
}
