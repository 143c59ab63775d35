//! Who may vote (Kyiv issue 13): a session's rule (`any`, `registered`,
//! `registered_or_taxpayer`), and on each account the facts Kyiv ID verified about the person
//! (the settlement of their registration address, whether they pay taxes to the city) with
//! when they were last confirmed. All nullable: unknown until the next Kyiv ID sign-in.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    VoterEligibility,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    VerifiedSettlement,
    VerifiedTaxpayer,
    VerifiedClaimsAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .add_column(
                        ColumnDef::new(BudgetSessions::VoterEligibility)
                            .string_len(32)
                            .not_null()
                            .default("any"),
                    )
                    .to_owned(),
            )
            .await?;
        let columns = [
            ColumnDef::new(Users::VerifiedSettlement)
                .string_len(200)
                .null()
                .to_owned(),
            ColumnDef::new(Users::VerifiedTaxpayer)
                .boolean()
                .null()
                .to_owned(),
            ColumnDef::new(Users::VerifiedClaimsAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Users::VerifiedClaimsAt,
            Users::VerifiedTaxpayer,
            Users::VerifiedSettlement,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(BudgetSessions::Table)
                    .drop_column(BudgetSessions::VoterEligibility)
                    .to_owned(),
            )
            .await
    }
}
