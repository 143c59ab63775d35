//! Uploaded files behind one interface: a local folder (one machine, or a volume every
//! instance mounts) or S3-compatible object storage, chosen by configuration.

use std::sync::Arc;

use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::config::{StorageKind, StorageSettings};

#[derive(Debug, thiserror::Error)]
#[error("file storage: {0}")]
pub struct StorageError(#[from] object_store::Error);

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Storage({})", self.store)
    }
}

impl Storage {
    pub fn from_settings(settings: &StorageSettings) -> anyhow::Result<Storage> {
        let store: Arc<dyn ObjectStore> = match settings.kind {
            StorageKind::Local => {
                std::fs::create_dir_all(&settings.path)?;
                Arc::new(LocalFileSystem::new_with_prefix(&settings.path)?)
            }
            StorageKind::S3 => {
                let mut builder = AmazonS3Builder::new()
                    .with_bucket_name(&settings.bucket)
                    .with_region(&settings.region)
                    .with_allow_http(settings.allow_http);
                if !settings.endpoint.is_empty() {
                    builder = builder.with_endpoint(&settings.endpoint);
                }
                if !settings.access_key_id.is_empty() {
                    builder = builder
                        .with_access_key_id(&settings.access_key_id)
                        .with_secret_access_key(&settings.secret_access_key);
                }
                Arc::new(builder.build()?)
            }
        };
        Ok(Storage { store })
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        self.store
            .put(&Path::from(key), PutPayload::from(bytes))
            .await?;
        Ok(())
    }

    /// The file's bytes, or `None` when there is no such file.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, StorageError> {
        match self.store.get(&Path::from(key)).await {
            Ok(result) => Ok(Some(result.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// Removes a file; a missing one is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_local_folder_stores_reads_and_deletes() {
        let dir =
            std::env::temp_dir().join(format!("hromada-storage-{}", uuid::Uuid::new_v4().simple()));
        let storage = Storage::from_settings(&StorageSettings {
            path: dir.display().to_string(),
            ..Default::default()
        })
        .unwrap();
        assert!(storage.get("cities/1/logo.png").await.unwrap().is_none());
        storage
            .put("cities/1/logo.png", b"png bytes".to_vec())
            .await
            .unwrap();
        assert_eq!(
            storage
                .get("cities/1/logo.png")
                .await
                .unwrap()
                .unwrap()
                .as_ref(),
            b"png bytes"
        );
        assert!(
            dir.join("cities/1/logo.png").exists(),
            "files are plain files in the folder"
        );
        storage.delete("cities/1/logo.png").await.unwrap();
        storage.delete("cities/1/logo.png").await.unwrap();
        assert!(storage.get("cities/1/logo.png").await.unwrap().is_none());
        std::fs::remove_dir_all(dir).ok();
    }

    #[tokio::test]
    async fn a_folder_that_cannot_be_written_is_an_error_not_a_panic() {
        let dir =
            std::env::temp_dir().join(format!("hromada-storage-{}", uuid::Uuid::new_v4().simple()));
        let storage = Storage::from_settings(&StorageSettings {
            path: dir.display().to_string(),
            ..Default::default()
        })
        .unwrap();
        // The folder is replaced by a plain file: every write fails (ENOTDIR), even for root.
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::write(&dir, b"not a folder").unwrap();
        assert!(
            storage
                .put("projects/1/a.png", b"png".to_vec())
                .await
                .is_err()
        );
        std::fs::remove_file(dir).ok();
    }

    #[test]
    fn s3_is_configured_from_settings() {
        let storage = Storage::from_settings(&StorageSettings {
            kind: StorageKind::S3,
            bucket: "hromada-files".into(),
            endpoint: "http://127.0.0.1:9000".into(),
            allow_http: true,
            access_key_id: "key".into(),
            secret_access_key: "secret".into(),
            ..Default::default()
        })
        .unwrap();
        assert!(format!("{storage:?}").contains("hromada-files"));
        assert!(!format!("{storage:?}").contains("secret"));
    }
}
