//! Cities and their directories (districts, categories), users and per-city roles, budget
//! sessions with stages, and projects. Money is BIGINT kopiykas; times carry a time zone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
    Slug,
    NameUk,
    NameEn,
    TimeZone,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Login,
    PasswordHash,
    LastName,
    FirstName,
    Patronymic,
    Email,
    EmailVerifiedAt,
    Phone,
    BirthDate,
    RegistrationAddress,
    ResidenceAddress,
    FacebookUrl,
    Lang,
    IsPlatformAdmin,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CityRoles {
    Table,
    Id,
    UserId,
    CityId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Districts {
    Table,
    Id,
    CityId,
    NameUk,
    NameEn,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    CityId,
    NameUk,
    NameEn,
    Position,
    Active,
}

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    Id,
    CityId,
    NameUk,
    NameEn,
    VotesPerVoter,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Stages {
    Table,
    Id,
    BudgetSessionId,
    Kind,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    BudgetSessionId,
    AuthorId,
    CategoryId,
    DistrictId,
    Title,
    Description,
    CostMinor,
    Status,
    CreatedAt,
    UpdatedAt,
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Cities::Table)
                    .col(big_pk_auto(Cities::Id))
                    .col(string_len_uniq(Cities::Slug, 64))
                    .col(string(Cities::NameUk))
                    .col(string(Cities::NameEn))
                    .col(string_len(Cities::TimeZone, 64).default("Europe/Kyiv"))
                    .col(timestamp(Cities::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_len_uniq(Users::Login, 64))
                    .col(string_null(Users::PasswordHash))
                    .col(string(Users::LastName))
                    .col(string(Users::FirstName))
                    .col(string_null(Users::Patronymic))
                    .col(string_null(Users::Email))
                    .col(
                        ColumnDef::new(Users::EmailVerifiedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(string_len_null(Users::Phone, 16))
                    .col(date_null(Users::BirthDate))
                    .col(text_null(Users::RegistrationAddress))
                    .col(text_null(Users::ResidenceAddress))
                    .col(string_null(Users::FacebookUrl))
                    .col(string_len(Users::Lang, 8).default("uk"))
                    .col(boolean(Users::IsPlatformAdmin).default(false))
                    .col(timestamp(Users::CreatedAt))
                    .col(timestamp(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CityRoles::Table)
                    .col(big_pk_auto(CityRoles::Id))
                    .col(big_integer(CityRoles::UserId))
                    .col(big_integer(CityRoles::CityId))
                    .col(string_len(CityRoles::Role, 32))
                    .col(timestamp(CityRoles::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_city_roles_user",
                        (CityRoles::Table, CityRoles::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_city_roles_city",
                        (CityRoles::Table, CityRoles::CityId),
                        (Cities::Table, Cities::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_city_roles_user_city_role")
                    .table(CityRoles::Table)
                    .col(CityRoles::UserId)
                    .col(CityRoles::CityId)
                    .col(CityRoles::Role)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Districts::Table)
                    .col(big_pk_auto(Districts::Id))
                    .col(big_integer(Districts::CityId))
                    .col(string(Districts::NameUk))
                    .col(string(Districts::NameEn))
                    .foreign_key(&mut fk(
                        "fk_districts_city",
                        (Districts::Table, Districts::CityId),
                        (Cities::Table, Cities::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_districts_city_name")
                    .table(Districts::Table)
                    .col(Districts::CityId)
                    .col(Districts::NameUk)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(big_pk_auto(Categories::Id))
                    .col(big_integer(Categories::CityId))
                    .col(string(Categories::NameUk))
                    .col(string(Categories::NameEn))
                    .col(integer(Categories::Position).default(0))
                    .col(boolean(Categories::Active).default(true))
                    .foreign_key(&mut fk(
                        "fk_categories_city",
                        (Categories::Table, Categories::CityId),
                        (Cities::Table, Cities::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_categories_city_name")
                    .table(Categories::Table)
                    .col(Categories::CityId)
                    .col(Categories::NameUk)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BudgetSessions::Table)
                    .col(big_pk_auto(BudgetSessions::Id))
                    .col(big_integer(BudgetSessions::CityId))
                    .col(string(BudgetSessions::NameUk))
                    .col(string(BudgetSessions::NameEn))
                    .col(integer(BudgetSessions::VotesPerVoter))
                    .col(timestamp(BudgetSessions::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_budget_sessions_city",
                        (BudgetSessions::Table, BudgetSessions::CityId),
                        (Cities::Table, Cities::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Stages::Table)
                    .col(big_pk_auto(Stages::Id))
                    .col(big_integer(Stages::BudgetSessionId))
                    .col(string_len(Stages::Kind, 32))
                    .col(timestamp(Stages::StartsAt))
                    .col(timestamp(Stages::EndsAt))
                    .foreign_key(&mut fk(
                        "fk_stages_budget_session",
                        (Stages::Table, Stages::BudgetSessionId),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_stages_session_kind")
                    .table(Stages::Table)
                    .col(Stages::BudgetSessionId)
                    .col(Stages::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Projects::Table)
                    .col(big_pk_auto(Projects::Id))
                    .col(big_integer(Projects::BudgetSessionId))
                    .col(big_integer(Projects::AuthorId))
                    .col(big_integer(Projects::CategoryId))
                    .col(big_integer_null(Projects::DistrictId))
                    .col(string_len(Projects::Title, 200))
                    .col(text(Projects::Description))
                    .col(big_integer(Projects::CostMinor))
                    .col(string_len(Projects::Status, 32))
                    .col(timestamp(Projects::CreatedAt))
                    .col(timestamp(Projects::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_projects_budget_session",
                        (Projects::Table, Projects::BudgetSessionId),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_projects_author",
                        (Projects::Table, Projects::AuthorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_projects_category",
                        (Projects::Table, Projects::CategoryId),
                        (Categories::Table, Categories::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_projects_district",
                        (Projects::Table, Projects::DistrictId),
                        (Districts::Table, Districts::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_projects_session_status")
                    .table(Projects::Table)
                    .col(Projects::BudgetSessionId)
                    .col(Projects::Status)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Projects::Table.into_iden(),
            Stages::Table.into_iden(),
            BudgetSessions::Table.into_iden(),
            Categories::Table.into_iden(),
            Districts::Table.into_iden(),
            CityRoles::Table.into_iden(),
            Users::Table.into_iden(),
            Cities::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
