//! Images and documents of a project: the author attaches and removes them while the project
//! may be edited; everyone who may see the project may download them.
//!
//! The bytes go to the file storage first and the row second, in a transaction that locks the
//! project, so the per-project limits hold under concurrent uploads. When the row cannot be
//! written the stored file is removed again: there is never a row without its file.

use entities::project_file;
use poem::http::StatusCode;
use sea_orm::TransactionTrait;

use super::projects::{editable, find_visible};
use crate::domain::access::Actor;
use crate::domain::project::{FileKind, file_name};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::storage::StorageError;
use crate::store;

/// A file of a project, with its bytes.
#[derive(Debug, Clone)]
pub struct Download {
    pub file: project_file::Model,
    pub bytes: Vec<u8>,
    /// Whether the project is public (its files may be cached by anyone).
    pub public: bool,
}

/// The file storage failed (disk full, a volume gone, object storage down): a 503 the client
/// may retry, never a 500; the cause is logged.
pub(super) fn storage_failed(err: StorageError) -> AppError {
    tracing::error!(error = %err, "file storage failed");
    AppError::new(StatusCode::SERVICE_UNAVAILABLE, "storage-unavailable").retry_after(60)
}

/// Stores `bytes` under `key` first, then runs `write` (the row, in its own transaction); when
/// `write` fails the stored bytes are removed again, so there is never a row without its file
/// and rarely a file without its row.
pub(super) async fn store_then<T>(
    state: &AppState,
    key: &str,
    bytes: Vec<u8>,
    write: impl Future<Output = AppResult<T>>,
) -> AppResult<T> {
    state
        .storage
        .put(key, bytes)
        .await
        .map_err(storage_failed)?;
    let written = write.await;
    if written.is_err()
        && let Err(err) = state.storage.delete(key).await
    {
        tracing::warn!(error = %err, key, "stored file of a refused upload not deleted");
    }
    written
}

fn file_not_found(id: i64) -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "file-not-found").arg("id", id)
}

/// A PDF by its content: the signature at the start and the end-of-file marker near the end
/// (an upload cut short has none).
pub fn check_pdf(bytes: &[u8], max_bytes: usize) -> AppResult<()> {
    if bytes.len() > max_bytes {
        return Err(
            AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "document-too-large")
                .arg("limit", max_bytes)
                .at_field("file"),
        );
    }
    if infer::get(bytes).map(|t| t.mime_type()) != Some("application/pdf") {
        return Err(AppError::invalid("document-type", "file"));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(AppError::invalid("document-corrupt", "file"));
    }
    Ok(())
}

fn too_many(kind: FileKind, max: u32) -> AppError {
    AppError::new(StatusCode::CONFLICT, "project-files-limit")
        .arg("kind", kind.code())
        .arg("max", max)
}

/// Attaches an image (JPEG/PNG) or a document (PDF) to the author's editable project.
/// `declared` is the request's `Content-Type`, `name` what the uploader called the file.
#[allow(clippy::too_many_arguments)]
pub async fn attach(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    kind: FileKind,
    bytes: Vec<u8>,
    declared: Option<&str>,
    name: Option<&str>,
) -> AppResult<project_file::Model> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let (project, _) = editable(state, actor, &city, id).await?;
    let limits = &state.settings.projects;
    let (content_type, extension, max) = match kind {
        FileKind::Image => {
            let content_type = super::profile::check_image(
                bytes.clone(),
                limits.max_image_bytes,
                "file",
                declared,
            )
            .await?;
            let extension = if content_type == "image/png" {
                "png"
            } else {
                "jpg"
            };
            (content_type, extension, limits.max_images)
        }
        FileKind::Document => {
            check_pdf(&bytes, limits.max_document_bytes)?;
            ("application/pdf", "pdf", limits.max_documents)
        }
    };
    // Refuse early, before storing anything; the limit is checked again under the lock.
    if store::projects::count_files(&state.db, project.id, kind.code()).await? >= u64::from(max) {
        return Err(too_many(kind, max));
    }
    let key = format!(
        "projects/{}/{}.{extension}",
        project.id,
        uuid::Uuid::new_v4().simple()
    );
    let size = i64::try_from(bytes.len()).map_err(AppError::internal)?;
    let now = state.clock.now();
    let write = async {
        let txn = state.db.begin().await?;
        if !store::projects::touch(&txn, project.id, project.status, now).await? {
            return Err(AppError::new(
                StatusCode::CONFLICT,
                "project-status-changed",
            ));
        }
        if store::projects::count_files(&txn, project.id, kind.code()).await? >= u64::from(max) {
            return Err(too_many(kind, max));
        }
        let file = store::projects::insert_file(
            &txn,
            store::projects::NewFile {
                project_id: project.id,
                kind: kind.code(),
                storage_key: key.clone(),
                content_type,
                size_bytes: size,
                file_name: file_name(name, kind.code(), extension),
            },
            now,
        )
        .await?;
        txn.commit().await?;
        Ok(file)
    };
    store_then(state, &key, bytes, write).await
}

/// Removes a file from the author's editable project.
pub async fn detach(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    file_id: i64,
) -> AppResult<()> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let (project, _) = editable(state, actor, &city, id).await?;
    let file = store::projects::find_file(&state.db, project.id, file_id)
        .await?
        .ok_or_else(|| file_not_found(file_id))?;
    let txn = state.db.begin().await?;
    if !store::projects::touch(&txn, project.id, project.status, state.clock.now()).await? {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "project-status-changed",
        ));
    }
    if !store::projects::delete_file(&txn, project.id, file_id).await? {
        return Err(file_not_found(file_id));
    }
    txn.commit().await?;
    // The row is gone, so nobody is shown the file; a leftover would only waste space.
    if let Err(err) = state.storage.delete(&file.storage_key).await {
        tracing::warn!(error = %err, key = file.storage_key, "removed file not deleted from storage");
    }
    Ok(())
}

/// A file of a project the actor may see.
pub async fn download(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    file_id: i64,
) -> AppResult<Download> {
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, actor, city.id, id).await?;
    let file = store::projects::find_file(&state.db, project.id, file_id)
        .await?
        .ok_or_else(|| file_not_found(file_id))?;
    let bytes = state
        .storage
        .get(&file.storage_key)
        .await
        .map_err(storage_failed)?
        .ok_or_else(|| {
            tracing::error!(key = file.storage_key, "a project file's bytes are missing");
            file_not_found(file_id)
        })?;
    Ok(Download {
        public: store::projects::to_domain(project.status).is_public(),
        file,
        bytes: bytes.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

    #[test]
    fn a_storage_failure_is_a_503_to_retry() {
        let err = storage_failed(StorageError::from(object_store::Error::Generic {
            store: "LocalFileSystem",
            source: "No space left on device (os error 28)".into(),
        }));
        assert_eq!(err.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(err.code, "storage-unavailable");
        assert_eq!(err.retry_after, Some(60));
        assert!(err.cause.is_none(), "the cause is logged, never sent");
    }

    #[test]
    fn a_whole_pdf_passes() {
        assert!(check_pdf(PDF, 1024).is_ok());
    }

    #[test]
    fn a_pdf_is_checked_by_content_and_size() {
        let code = |r: AppResult<()>| r.unwrap_err().code;
        assert_eq!(code(check_pdf(PDF, 10)), "document-too-large");
        assert_eq!(code(check_pdf(b"GIF89a....%%EOF", 1024)), "document-type");
        assert_eq!(code(check_pdf(b"", 1024)), "document-type");
        assert_eq!(
            code(check_pdf(&PDF[..PDF.len() - 7], 1024)),
            "document-corrupt",
            "cut short: no end-of-file marker"
        );
    }
}
