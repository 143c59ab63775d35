//! Projects in full: pot, place, beneficiaries, the moderation status with its comment, the
//! cost estimate as lines, images and documents, the public history of status changes, and the
//! API keys of the city property system (ІАС «Майно»).
//!
//! The `projects` table of the foundation is rebuilt (a new table, its rows copied, the old one
//! dropped): SQLite cannot add foreign keys to an existing table. `submitted` becomes
//! `on_moderation`; the pot of an old row is its session's first pot, if it has one.

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
enum Cities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum BudgetPots {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Districts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    BudgetSessionId,
    PotId,
    AuthorId,
    CategoryId,
    DistrictId,
    Title,
    Description,
    SearchText,
    Address,
    Lat,
    Lon,
    Beneficiaries,
    ImplementationNotes,
    CostMinor,
    Status,
    StatusComment,
    SubmittedAt,
    StatusChangedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProjectsNext {
    Table,
}

#[derive(DeriveIden)]
enum ProjectCostLines {
    Table,
    Id,
    ProjectId,
    Position,
    Name,
    Quantity,
    UnitPriceMinor,
    TotalMinor,
}

#[derive(DeriveIden)]
enum ProjectFiles {
    Table,
    Id,
    ProjectId,
    Kind,
    StorageKey,
    ContentType,
    SizeBytes,
    FileName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProjectHistory {
    Table,
    Id,
    ProjectId,
    ActorId,
    FromStatus,
    ToStatus,
    Comment,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    CityId,
    Name,
    KeyPrefix,
    KeyHash,
    CreatedBy,
    CreatedAt,
    RevokedAt,
    LastUsedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn at(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn index<const N: usize>(
    name: &str,
    table: impl IntoIden,
    columns: [Projects; N],
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column);
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProjectsNext::Table)
                    .col(big_pk_auto(Projects::Id))
                    .col(big_integer(Projects::BudgetSessionId))
                    .col(big_integer_null(Projects::PotId))
                    .col(big_integer(Projects::AuthorId))
                    .col(big_integer(Projects::CategoryId))
                    .col(big_integer_null(Projects::DistrictId))
                    .col(string_len(Projects::Title, 200))
                    .col(text(Projects::Description))
                    .col(text(Projects::SearchText))
                    .col(string_len_null(Projects::Address, 500))
                    .col(double_null(Projects::Lat))
                    .col(double_null(Projects::Lon))
                    .col(text_null(Projects::Beneficiaries))
                    .col(text_null(Projects::ImplementationNotes))
                    .col(big_integer(Projects::CostMinor))
                    .col(string_len(Projects::Status, 32))
                    .col(text_null(Projects::StatusComment))
                    .col(at_null(Projects::SubmittedAt))
                    .col(at(Projects::StatusChangedAt))
                    .col(at(Projects::CreatedAt))
                    .col(at(Projects::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_projects2_budget_session",
                        (ProjectsNext::Table, Projects::BudgetSessionId),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_projects2_pot",
                        (ProjectsNext::Table, Projects::PotId),
                        (BudgetPots::Table, BudgetPots::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_projects2_author",
                        (ProjectsNext::Table, Projects::AuthorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_projects2_category",
                        (ProjectsNext::Table, Projects::CategoryId),
                        (Categories::Table, Categories::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_projects2_district",
                        (ProjectsNext::Table, Projects::DistrictId),
                        (Districts::Table, Districts::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        // One batch, so one connection: with a pool of SQLite connections another one could
        // still see the old schema.
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO projects_next (id, budget_session_id, pot_id, author_id, category_id, \
             district_id, title, description, search_text, cost_minor, status, status_changed_at, \
             created_at, updated_at) \
             SELECT p.id, p.budget_session_id, \
             (SELECT MIN(b.id) FROM budget_pots b WHERE b.budget_session_id = p.budget_session_id), \
             p.author_id, p.category_id, p.district_id, p.title, p.description, \
             LOWER(p.title || ' ' || p.description), p.cost_minor, \
             CASE p.status WHEN 'submitted' THEN 'on_moderation' ELSE p.status END, \
             p.updated_at, p.created_at, p.updated_at FROM projects p; \
             DROP TABLE projects; \
             ALTER TABLE projects_next RENAME TO projects;",
        )
        .await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            db.execute_unprepared(
                "SELECT setval(pg_get_serial_sequence('projects', 'id'), \
                 COALESCE((SELECT MAX(id) FROM projects), 0) + 1, false)",
            )
            .await?;
        }
        for statement in [
            index(
                "ix_projects_session_status",
                Projects::Table,
                [Projects::BudgetSessionId, Projects::Status],
            ),
            index(
                "ix_projects_status_changed",
                Projects::Table,
                [Projects::Status, Projects::StatusChangedAt],
            ),
            index("ix_projects_author", Projects::Table, [Projects::AuthorId]),
            index(
                "ix_projects_updated",
                Projects::Table,
                [Projects::UpdatedAt],
            ),
        ] {
            manager.create_index(statement).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ProjectCostLines::Table)
                    .col(big_pk_auto(ProjectCostLines::Id))
                    .col(big_integer(ProjectCostLines::ProjectId))
                    .col(integer(ProjectCostLines::Position))
                    .col(string_len(ProjectCostLines::Name, 300))
                    .col(big_integer(ProjectCostLines::Quantity))
                    .col(big_integer(ProjectCostLines::UnitPriceMinor))
                    .col(big_integer(ProjectCostLines::TotalMinor))
                    .foreign_key(&mut fk(
                        "fk_project_cost_lines_project",
                        (ProjectCostLines::Table, ProjectCostLines::ProjectId),
                        (Projects::Table, Projects::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_project_cost_lines_position")
                    .table(ProjectCostLines::Table)
                    .col(ProjectCostLines::ProjectId)
                    .col(ProjectCostLines::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectFiles::Table)
                    .col(big_pk_auto(ProjectFiles::Id))
                    .col(big_integer(ProjectFiles::ProjectId))
                    .col(string_len(ProjectFiles::Kind, 16))
                    .col(string_len(ProjectFiles::StorageKey, 200))
                    .col(string_len(ProjectFiles::ContentType, 100))
                    .col(big_integer(ProjectFiles::SizeBytes))
                    .col(string_len(ProjectFiles::FileName, 255))
                    .col(at(ProjectFiles::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_project_files_project",
                        (ProjectFiles::Table, ProjectFiles::ProjectId),
                        (Projects::Table, Projects::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_files_project")
                    .table(ProjectFiles::Table)
                    .col(ProjectFiles::ProjectId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectHistory::Table)
                    .col(big_pk_auto(ProjectHistory::Id))
                    .col(big_integer(ProjectHistory::ProjectId))
                    .col(big_integer_null(ProjectHistory::ActorId))
                    .col(string_len_null(ProjectHistory::FromStatus, 32))
                    .col(string_len(ProjectHistory::ToStatus, 32))
                    .col(text_null(ProjectHistory::Comment))
                    .col(at(ProjectHistory::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_project_history_project",
                        (ProjectHistory::Table, ProjectHistory::ProjectId),
                        (Projects::Table, Projects::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_project_history_actor",
                        (ProjectHistory::Table, ProjectHistory::ActorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_history_project")
                    .table(ProjectHistory::Table)
                    .col(ProjectHistory::ProjectId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiKeys::Table)
                    .col(big_pk_auto(ApiKeys::Id))
                    .col(big_integer(ApiKeys::CityId))
                    .col(string_len(ApiKeys::Name, 100))
                    .col(string_len(ApiKeys::KeyPrefix, 16))
                    .col(string_len(ApiKeys::KeyHash, 64))
                    .col(big_integer_null(ApiKeys::CreatedBy))
                    .col(at(ApiKeys::CreatedAt))
                    .col(at_null(ApiKeys::RevokedAt))
                    .col(at_null(ApiKeys::LastUsedAt))
                    .foreign_key(&mut fk(
                        "fk_api_keys_city",
                        (ApiKeys::Table, ApiKeys::CityId),
                        (Cities::Table, Cities::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_api_keys_created_by",
                        (ApiKeys::Table, ApiKeys::CreatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_api_keys_hash")
                    .table(ApiKeys::Table)
                    .col(ApiKeys::KeyHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ApiKeys::Table.into_iden(),
            ProjectHistory::Table.into_iden(),
            ProjectFiles::Table.into_iden(),
            ProjectCostLines::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
