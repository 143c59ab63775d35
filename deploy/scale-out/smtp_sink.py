"""An SMTP sink for deploy/scale-out/run.sh: aiosmtpd on 127.0.0.1:PORT, every message it
receives appended to FILE as one JSON line (recipients, subject, Message-ID, text body).

    python3 smtp_sink.py PORT FILE

Prints "ready" once it listens. Same format as the integration tests' sink (tests/it/smtp.rs).
"""

import email
import email.policy
import json
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        line = json.dumps(
            {
                "to": envelope.rcpt_tos,
                "subject": str(msg["subject"]),
                "message_id": str(msg["message-id"]),
                "body": body.get_content() if body else "",
            },
            ensure_ascii=False,
        )
        with self.lock, open(self.path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        return "250 OK"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    open(path, "a", encoding="utf-8").close()
    controller = Controller(Handler(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
