//! Uploaded files: `check_image` (photos, city logos, project images, candidates' documents:
//! JPEG/PNG) and `check_pdf` (project and candidate documents), on the same bytes, as a
//! candidate's document upload does.
//!
//! Properties: no file passes as both an image and a PDF; an accepted image really is the
//! format its content type says, decodes with the `image` crate and is at most 8000 pixels a
//! side; a declared `image/*` type that is accepted matches the content; an accepted PDF has
//! `%PDF` in its first 1024 bytes and `%%EOF` in its last 1024; over the size limit both refuse with
//! their too-large code.
#![no_main]

use std::sync::LazyLock;

use hromada::app::profile::check_image;
use hromada::app::project_files::check_pdf;
use image::ImageFormat;
use libfuzzer_sys::fuzz_target;
use tokio::runtime::Runtime;

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(1)
        .build()
        .expect("a tokio runtime")
});

const DECLARED: [Option<&str>; 6] = [
    None,
    Some("image/png"),
    Some("image/jpeg"),
    Some("IMAGE/JPG; q=1"),
    Some("image/gif"),
    Some("application/octet-stream"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let declared = DECLARED[usize::from(selector) % DECLARED.len()];
    let max = 1 << 20;

    let image = RUNTIME.block_on(check_image(bytes.to_vec(), max, "file", declared));
    let pdf = check_pdf(bytes, max);
    assert!(
        !(image.is_ok() && pdf.is_ok()),
        "accepted as both an image and a PDF"
    );

    if let Ok(content_type) = image {
        let format = image::guess_format(bytes).expect("an accepted image has a known format");
        let expected = match format {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            other => panic!("accepted as {content_type}, but it is {other:?}"),
        };
        assert_eq!(content_type, expected);
        let decoded = image::load_from_memory_with_format(bytes, format)
            .unwrap_or_else(|e| panic!("an accepted {content_type} does not decode: {e}"));
        assert!(decoded.width() <= 8000 && decoded.height() <= 8000);
        if let Some(declared) = declared {
            let declared = declared
                .split(';')
                .next()
                .unwrap()
                .trim()
                .to_ascii_lowercase();
            if declared.starts_with("image/") {
                let declared = if declared == "image/jpg" {
                    "image/jpeg"
                } else {
                    &declared
                };
                assert_eq!(declared, content_type, "declared type ignored");
            }
        }
    }
    if pdf.is_ok() {
        // A PDF's header may come anywhere in its first 1024 bytes (PDF Reference 1.4, H.3.4.1).
        let head = &bytes[..bytes.len().min(1024)];
        assert!(
            head.windows(4).any(|w| w == b"%PDF"),
            "accepted as a PDF without %PDF"
        );
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        assert!(
            tail.windows(5).any(|w| w == b"%%EOF"),
            "accepted as a PDF without %%EOF"
        );
    }

    if let Some(smaller) = bytes.len().checked_sub(1) {
        let image = RUNTIME.block_on(check_image(bytes.to_vec(), smaller, "file", declared));
        assert_eq!(image.map_err(|e| e.code), Err("image-too-large"));
        assert_eq!(
            check_pdf(bytes, smaller).map_err(|e| e.code),
            Err("document-too-large")
        );
    }
});
