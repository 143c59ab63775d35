//! The deployment manifests parse, and every probe they declare points at a route that answers.

use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

use crate::support::spawn_app;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

/// Collects `(probe kind, path, port)` of every HTTP probe anywhere in a document.
fn probes(node: &Yaml, found: &mut Vec<(String, String, Yaml)>) {
    match node {
        Yaml::Hash(map) => {
            for (key, value) in map {
                if let Some(kind) = key.as_str().filter(|k| k.ends_with("Probe")) {
                    let get = &value["httpGet"];
                    let path = get["path"]
                        .as_str()
                        .unwrap_or_else(|| panic!("{kind} has an httpGet path"));
                    found.push((kind.to_owned(), path.to_owned(), get["port"].clone()));
                }
                probes(value, found);
            }
        }
        Yaml::Array(items) => items.iter().for_each(|item| probes(item, found)),
        _ => {}
    }
}

#[tokio::test]
async fn manifests_parse_and_probes_hit_real_routes() {
    let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let mut files = vec![];
    yaml_files(&deploy, &mut files);
    assert!(
        files.len() >= 5,
        "deploy/ has the compose file and Kubernetes manifests: {files:?}"
    );

    let mut found = vec![];
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let docs =
            YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(!docs.is_empty(), "{} is empty", file.display());
        for doc in &docs {
            probes(doc, &mut found);
        }
    }
    let kinds: Vec<_> = found.iter().map(|(k, _, _)| k.as_str()).collect();
    for kind in ["readinessProbe", "livenessProbe"] {
        assert!(kinds.contains(&kind), "a {kind} is declared: {kinds:?}");
    }
    assert!(
        found
            .iter()
            .any(|(k, p, _)| k == "readinessProbe" && p == "/readyz")
    );
    assert!(
        found
            .iter()
            .any(|(k, p, _)| k == "livenessProbe" && p == "/healthz")
    );

    let app = spawn_app().await;
    for (kind, path, port) in &found {
        let port_ok = port.as_i64() == Some(8080) || port.as_str() == Some("http");
        assert!(port_ok, "{kind} targets the app port, got {port:?}");
        assert_eq!(
            app.get(path).await.status(),
            200,
            "{kind} {path} answers 200"
        );
    }
}
