//! Combined geocoding («Сервіси геокодування»): a city's search mode and, per provider, whether
//! it is on, its priority, base URL, API key and timeout. A city without rows uses the defaults
//! (Nominatim alone).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum GeocodingSettings {
    Table,
    CityId,
    Mode,
    RadiusKm,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum GeocodingProviders {
    Table,
    Id,
    CityId,
    Provider,
    Enabled,
    Priority,
    BaseUrl,
    ApiKey,
    TimeoutMs,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GeocodingSettings::Table)
                    .col(big_integer(GeocodingSettings::CityId).primary_key())
                    .col(string_len(GeocodingSettings::Mode, 16))
                    .col(integer(GeocodingSettings::RadiusKm))
                    .col(
                        ColumnDef::new(GeocodingSettings::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        "fk_geocoding_settings_city",
                        (GeocodingSettings::Table, GeocodingSettings::CityId),
                        (Cities::Table, Cities::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GeocodingProviders::Table)
                    .col(big_pk_auto(GeocodingProviders::Id))
                    .col(big_integer(GeocodingProviders::CityId))
                    .col(string_len(GeocodingProviders::Provider, 16))
                    .col(boolean(GeocodingProviders::Enabled))
                    .col(integer(GeocodingProviders::Priority))
                    .col(string_len(GeocodingProviders::BaseUrl, 500))
                    .col(text_null(GeocodingProviders::ApiKey))
                    .col(integer(GeocodingProviders::TimeoutMs))
                    .foreign_key(&mut fk(
                        "fk_geocoding_providers_city",
                        (GeocodingProviders::Table, GeocodingProviders::CityId),
                        (Cities::Table, Cities::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_geocoding_providers_city_provider")
                    .table(GeocodingProviders::Table)
                    .col(GeocodingProviders::CityId)
                    .col(GeocodingProviders::Provider)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(GeocodingProviders::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(GeocodingSettings::Table).to_owned())
            .await
    }
}
