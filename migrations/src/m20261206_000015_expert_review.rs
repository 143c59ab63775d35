//! Expert review («експертиза», Kyiv): a session flag; which categories each city expert
//! reviews; the experts' conclusions (one per project and round); the author's single revision
//! in answer to a round-1 conclusion.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    ExpertReview,
}

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ExpertCategories {
    Table,
    Id,
    CityId,
    UserId,
    CategoryId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ExpertConclusions {
    Table,
    Id,
    ProjectId,
    ExpertId,
    Round,
    Feasible,
    Reasons,
    CostBeforeMinor,
    CostAfterMinor,
    CreatedAt,
    Overturned,
}

#[derive(DeriveIden)]
enum ExpertRevisions {
    Table,
    Id,
    ProjectId,
    AuthorId,
    CostBeforeMinor,
    CostAfterMinor,
    CreatedAt,
}

fn created_at<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .add_column(
                        ColumnDef::new(BudgetSessions::ExpertReview)
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
                    .table(ExpertCategories::Table)
                    .col(big_pk_auto(ExpertCategories::Id))
                    .col(big_integer(ExpertCategories::CityId))
                    .col(big_integer(ExpertCategories::UserId))
                    .col(big_integer(ExpertCategories::CategoryId))
                    .col(created_at(ExpertCategories::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_categories_city")
                            .from(ExpertCategories::Table, ExpertCategories::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_categories_user")
                            .from(ExpertCategories::Table, ExpertCategories::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_categories_category")
                            .from(ExpertCategories::Table, ExpertCategories::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_expert_categories")
                    .table(ExpertCategories::Table)
                    .col(ExpertCategories::UserId)
                    .col(ExpertCategories::CategoryId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_expert_categories_category")
                    .table(ExpertCategories::Table)
                    .col(ExpertCategories::CategoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ExpertConclusions::Table)
                    .col(big_pk_auto(ExpertConclusions::Id))
                    .col(big_integer(ExpertConclusions::ProjectId))
                    // Kept when the expert's account goes: the conclusion is the city's.
                    .col(big_integer_null(ExpertConclusions::ExpertId))
                    .col(small_integer(ExpertConclusions::Round))
                    .col(boolean(ExpertConclusions::Feasible))
                    .col(text_null(ExpertConclusions::Reasons))
                    .col(big_integer_null(ExpertConclusions::CostBeforeMinor))
                    .col(big_integer_null(ExpertConclusions::CostAfterMinor))
                    .col(created_at(ExpertConclusions::CreatedAt))
                    .col(
                        ColumnDef::new(ExpertConclusions::Overturned)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_conclusions_project")
                            .from(ExpertConclusions::Table, ExpertConclusions::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_conclusions_expert")
                            .from(ExpertConclusions::Table, ExpertConclusions::ExpertId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_expert_conclusions_round")
                    .table(ExpertConclusions::Table)
                    .col(ExpertConclusions::ProjectId)
                    .col(ExpertConclusions::Round)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ExpertRevisions::Table)
                    .col(big_pk_auto(ExpertRevisions::Id))
                    .col(big_integer(ExpertRevisions::ProjectId))
                    .col(big_integer_null(ExpertRevisions::AuthorId))
                    .col(big_integer(ExpertRevisions::CostBeforeMinor))
                    .col(big_integer(ExpertRevisions::CostAfterMinor))
                    .col(created_at(ExpertRevisions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_revisions_project")
                            .from(ExpertRevisions::Table, ExpertRevisions::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_revisions_author")
                            .from(ExpertRevisions::Table, ExpertRevisions::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One revision per project, however close two requests come.
        manager
            .create_index(
                Index::create()
                    .name("ux_expert_revisions_project")
                    .table(ExpertRevisions::Table)
                    .col(ExpertRevisions::ProjectId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ExpertRevisions::Table.into_iden(),
            ExpertConclusions::Table.into_iden(),
            ExpertCategories::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .drop_column(BudgetSessions::ExpertReview)
                    .to_owned(),
            )
            .await
    }
}
