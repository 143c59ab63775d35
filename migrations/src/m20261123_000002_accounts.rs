//! Sessions, sign-in throttling, e-mailed tokens, profile photos, the e-mail outbox and the
//! hash-chained audit log (append-only, enforced by triggers).

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
enum Sessions {
    Table,
    IdHash,
    UserId,
    CsrfToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Key,
    Failures,
    WindowStartedAt,
}

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    Email,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum UserPhotos {
    Table,
    UserId,
    ContentType,
    Bytes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    CityId,
    ToAddress,
    Lang,
    Template,
    Subject,
    BodyText,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    CreatedAt,
    CityId,
    ActorId,
    Action,
    Target,
    Summary,
    PrevHash,
    Hash,
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn timestamp_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn user_fk(name: &str, table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::IdHash, 64).primary_key())
                    .col(big_integer(Sessions::UserId))
                    .col(string_len(Sessions::CsrfToken, 64))
                    .col(timestamp(Sessions::CreatedAt))
                    .col(timestamp(Sessions::LastSeenAt))
                    .col(timestamp(Sessions::ExpiresAt))
                    .col(string_null(Sessions::UserAgent))
                    .foreign_key(&mut user_fk(
                        "fk_sessions_user",
                        Sessions::Table,
                        Sessions::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginFailures::Table)
                    .col(string_len(LoginFailures::Key, 200).primary_key())
                    .col(integer(LoginFailures::Failures))
                    .col(timestamp(LoginFailures::WindowStartedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailTokens::Table)
                    .col(big_pk_auto(EmailTokens::Id))
                    .col(big_integer(EmailTokens::UserId))
                    .col(string_len(EmailTokens::Purpose, 32))
                    .col(string_len_uniq(EmailTokens::TokenHash, 64))
                    .col(string(EmailTokens::Email))
                    .col(timestamp(EmailTokens::CreatedAt))
                    .col(timestamp(EmailTokens::ExpiresAt))
                    .col(timestamp_null(EmailTokens::UsedAt))
                    .foreign_key(&mut user_fk(
                        "fk_email_tokens_user",
                        EmailTokens::Table,
                        EmailTokens::UserId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserPhotos::Table)
                    .col(big_integer(UserPhotos::UserId).primary_key())
                    .col(string_len(UserPhotos::ContentType, 32))
                    .col(blob(UserPhotos::Bytes))
                    .col(timestamp(UserPhotos::UpdatedAt))
                    .foreign_key(&mut user_fk(
                        "fk_user_photos_user",
                        UserPhotos::Table,
                        UserPhotos::UserId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(big_pk_auto(Outbox::Id))
                    .col(big_integer_null(Outbox::CityId))
                    .col(string(Outbox::ToAddress))
                    .col(string_len(Outbox::Lang, 8))
                    .col(string_len(Outbox::Template, 64))
                    .col(string(Outbox::Subject))
                    .col(text(Outbox::BodyText))
                    .col(string_len(Outbox::Status, 16))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp(Outbox::NextAttemptAt))
                    .col(timestamp_null(Outbox::LeaseUntil))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp(Outbox::CreatedAt))
                    .col(timestamp_null(Outbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_outbox_city")
                            .from(Outbox::Table, Outbox::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp(AuditLog::CreatedAt))
                    .col(big_integer_null(AuditLog::CityId))
                    .col(big_integer_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string(AuditLog::Target))
                    .col(text(AuditLog::Summary))
                    // Unique: two appends can never continue the chain from the same row.
                    .col(string_len_uniq(AuditLog::PrevHash, 64))
                    .col(string_len_uniq(AuditLog::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_city_time")
                    .table(AuditLog::Table)
                    .col(AuditLog::CityId)
                    .col(AuditLog::CreatedAt)
                    .to_owned(),
            )
            .await?;

        // The audit log is append-only: the database itself refuses updates and deletes.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                )
                .await?;
            }
            _ => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_log_no_{op} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            Outbox::Table.into_iden(),
            UserPhotos::Table.into_iden(),
            EmailTokens::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            Sessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                .await?;
        }
        Ok(())
    }
}
