//! A real SMTP server for tests: aiosmtpd (Python), writing each message it receives as one
//! JSON line (recipients, subject, Message-ID, decoded text body).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::json;

const SINK: &str = r#"
import sys, json, email, email.policy, threading
from aiosmtpd.controller import Controller

class Handler:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = msg.get_body(preferencelist=('plain',))
        line = json.dumps({
            "to": envelope.rcpt_tos,
            "subject": str(msg["subject"]),
            "message_id": str(msg["message-id"]),
            "body": body.get_content() if body else "",
        })
        with open(sys.argv[2], "a", encoding="utf-8") as f:
            f.write(line + "\n")
        return "250 OK"

controller = Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
threading.Event().wait()
"#;

pub struct SmtpSink {
    pub port: u16,
    child: Child,
    file: PathBuf,
}

/// Whether aiosmtpd is installed; without it (outside CI) the SMTP tests are skipped.
pub fn available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "aiosmtpd is required in CI (python3 -m pip install aiosmtpd)"
        );
        eprintln!("skipped: python3 -m pip install aiosmtpd to run the SMTP tests");
    }
    ok
}

/// A free TCP port on 127.0.0.1 (nothing listens on it when this returns).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpSink {
    pub async fn start(port: u16) -> SmtpSink {
        let file = std::env::temp_dir().join(format!(
            "hromada-smtp-{}.jsonl",
            uuid::Uuid::new_v4().simple()
        ));
        let mut child = Command::new("python3")
            .args(["-c", SINK, &port.to_string(), file.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start aiosmtpd");
        let line = crate::support::ready_line(&mut child, "aiosmtpd", 20).await;
        assert_eq!(line, "ready");
        SmtpSink { port, child, file }
    }

    pub fn messages(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Waits until at least `count` messages have arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<serde_json::Value> {
        for _ in 0..300 {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} e-mails, got {:?}", self.messages());
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.file);
    }
}

/// The 64-hex-digit token in an e-mail's body.
pub fn token_in(message: &serde_json::Value) -> String {
    let body = message["body"].as_str().unwrap();
    let start = body.find("token=").expect("a link with a token") + "token=".len();
    body[start..start + 64].to_owned()
}

/// Settings that send e-mail to the sink on `port`.
pub fn smtp_to(port: u16) -> impl FnOnce(&mut hromada::config::Settings) {
    move |s| {
        s.smtp.host = "127.0.0.1".into();
        s.smtp.port = port;
        s.smtp.tls = hromada::config::SmtpTls::None;
        s.smtp.timeout_secs = 5;
        s.server.public_url = "https://hromada.example".into();
    }
}

/// Waits until the sink has received `count` messages for `to` whose subject and body
/// contain every one of `words`.
pub async fn mail_to(sink: &SmtpSink, to: &str, words: &[&str], count: usize) {
    for _ in 0..200 {
        let found = sink
            .messages()
            .into_iter()
            .filter(|m| {
                let text = format!("{} {}", m["subject"], m["body"]);
                m["to"] == json!([to]) && words.iter().all(|w| text.contains(w))
            })
            .count();
        if found >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "{to} got no {count} e-mails with {words:?}: {:?}",
        sink.messages()
    );
}
