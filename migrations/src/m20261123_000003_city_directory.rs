//! The city directory ("Місто"): contacts, logo, map and commission settings, district
//! boundaries; budget session parameters, pots and stage hints; translation overrides and
//! static pages.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
    Contacts,
    LogoKey,
    LogoContentType,
    AllowCommission,
    TileUrl,
    MapLat,
    MapLon,
    MapZoom,
}

#[derive(DeriveIden)]
enum Districts {
    Table,
    Boundary,
}

#[derive(DeriveIden)]
enum Stages {
    Table,
    HintUk,
    HintEn,
}

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    Id,
    MinVoterAge,
    MinAuthorAge,
    ResultsRule,
    MinVotesToWin,
    RegistrationMethods,
    RequiredFields,
}

#[derive(DeriveIden)]
enum BudgetPots {
    Table,
    Id,
    BudgetSessionId,
    NameUk,
    NameEn,
    Scope,
    TotalMinor,
    MaxProjectCostMinor,
    Position,
}

#[derive(DeriveIden)]
enum TranslationOverrides {
    Table,
    Id,
    CityId,
    Lang,
    Key,
    Value,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Pages {
    Table,
    Id,
    CityId,
    Slug,
    TitleUk,
    TitleEn,
    BodyUk,
    BodyEn,
    Position,
    Published,
    UpdatedAt,
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn city_fk(name: &str, table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(Cities::Table, Cities::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// SQLite alters one column per statement.
async fn add_column(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).add_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            text_null(Cities::Contacts),
            string_null(Cities::LogoKey),
            string_len_null(Cities::LogoContentType, 32),
            boolean(Cities::AllowCommission).default(false).to_owned(),
            string_len(Cities::TileUrl, 500)
                .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
                .to_owned(),
            double(Cities::MapLat).default(50.4501).to_owned(),
            double(Cities::MapLon).default(30.5234).to_owned(),
            integer(Cities::MapZoom).default(11).to_owned(),
        ] {
            add_column(manager, Cities::Table, column).await?;
        }
        add_column(manager, Districts::Table, text_null(Districts::Boundary)).await?;
        add_column(manager, Stages::Table, text_null(Stages::HintUk)).await?;
        add_column(manager, Stages::Table, text_null(Stages::HintEn)).await?;
        for column in [
            integer(BudgetSessions::MinVoterAge).default(16).to_owned(),
            integer(BudgetSessions::MinAuthorAge).default(18).to_owned(),
            string_len(BudgetSessions::ResultsRule, 32)
                .default("kyiv")
                .to_owned(),
            integer_null(BudgetSessions::MinVotesToWin),
            string_len(BudgetSessions::RegistrationMethods, 200)
                .default(r#"["password"]"#)
                .to_owned(),
            string_len(BudgetSessions::RequiredFields, 500)
                .default(r#"["last_name","first_name","birth_date","phone"]"#)
                .to_owned(),
        ] {
            add_column(manager, BudgetSessions::Table, column).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(BudgetPots::Table)
                    .col(big_pk_auto(BudgetPots::Id))
                    .col(big_integer(BudgetPots::BudgetSessionId))
                    .col(string(BudgetPots::NameUk))
                    .col(string(BudgetPots::NameEn))
                    .col(string_len(BudgetPots::Scope, 16))
                    .col(big_integer(BudgetPots::TotalMinor))
                    .col(big_integer(BudgetPots::MaxProjectCostMinor))
                    .col(integer(BudgetPots::Position).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_budget_pots_session")
                            .from(BudgetPots::Table, BudgetPots::BudgetSessionId)
                            .to(BudgetSessions::Table, BudgetSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TranslationOverrides::Table)
                    .col(big_pk_auto(TranslationOverrides::Id))
                    .col(big_integer(TranslationOverrides::CityId))
                    .col(string_len(TranslationOverrides::Lang, 8))
                    .col(string_len(TranslationOverrides::Key, 128))
                    .col(text(TranslationOverrides::Value))
                    .col(timestamp(TranslationOverrides::UpdatedAt))
                    .foreign_key(&mut city_fk(
                        "fk_translation_overrides_city",
                        TranslationOverrides::Table,
                        TranslationOverrides::CityId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_translation_overrides_city_lang_key")
                    .table(TranslationOverrides::Table)
                    .col(TranslationOverrides::CityId)
                    .col(TranslationOverrides::Lang)
                    .col(TranslationOverrides::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Pages::Table)
                    .col(big_pk_auto(Pages::Id))
                    .col(big_integer(Pages::CityId))
                    .col(string_len(Pages::Slug, 64))
                    .col(string(Pages::TitleUk))
                    .col(string(Pages::TitleEn))
                    .col(text(Pages::BodyUk))
                    .col(text(Pages::BodyEn))
                    .col(integer(Pages::Position).default(0))
                    .col(boolean(Pages::Published).default(false))
                    .col(timestamp(Pages::UpdatedAt))
                    .foreign_key(&mut city_fk("fk_pages_city", Pages::Table, Pages::CityId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_pages_city_slug")
                    .table(Pages::Table)
                    .col(Pages::CityId)
                    .col(Pages::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Pages::Table.into_iden(),
            TranslationOverrides::Table.into_iden(),
            BudgetPots::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        // Added columns stay: dropping columns on SQLite needs a table rebuild, and an
        // unused column is harmless.
        Ok(())
    }
}
