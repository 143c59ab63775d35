"""The checks of deploy/scale-out/run.sh: two hromada instances (A and B) on one PostgreSQL,
nginx in front of them, an SMTP sink. Python 3 standard library only; the database is read
and seeded with psql.

    python3 check.py session|storage|translation|email|storm|pg-restart

run.sh passes everything else in the environment:

    SO_NGINX, SO_A, SO_B         base URLs (http://127.0.0.1:PORT)
    SO_A_PID, SO_B_PID           the instances' process ids (storm kills A; pg-restart checks
                                 that both survive)
    SO_PSQL, SO_DB_URL           psql and the database
    SO_PG_BINDIR, SO_PGDATA      pg_ctl and the cluster (pg-restart stops and starts it)
    SO_SMTP_FILE                 the sink's JSON lines
    SO_ADMIN_LOGIN/PASSWORD      the demo city's admin
    SO_RESIDENT_LOGIN/PASSWORD   a demo resident
    SO_DB_TIMEOUT                the instances' database.connect_timeout_secs
    SO_VOTERS, SO_CONCURRENCY    size of the vote storm (defaults 150 and 24)

Each check prints a line per thing it verified and exits 1 with a message on the first
failure.
"""

import hashlib
import http.client
import json
import os
import random
import secrets
import signal
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib
from concurrent.futures import ThreadPoolExecutor

ENV = os.environ


def env(name, default=None):
    value = ENV.get(name, default)
    if value is None:
        fail(f"{name} is not set (run deploy/scale-out/run.sh, not this file)")
    return value


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def ok(message):
    print(f"  ok: {message}", flush=True)


def expect(condition, message):
    if not condition:
        fail(message)


# ------------------------------------------------------------------------------------------
# HTTP
# ------------------------------------------------------------------------------------------


class Resp:
    def __init__(self, status, headers, body, started, elapsed, error=None):
        self.status = status
        self.headers = headers
        self.body = body
        self.started = started
        self.elapsed = elapsed
        self.error = error

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    @property
    def code(self):
        """The problem code of a problem+json answer."""
        if "problem+json" not in self.headers.get("content-type", ""):
            return None
        data = self.json()
        return data.get("code") if isinstance(data, dict) else None

    @property
    def upstream(self):
        """The last instance nginx asked (X-Upstream), e.g. 127.0.0.1:PORT."""
        value = self.headers.get("x-upstream", "")
        return value.split(",")[-1].strip() or None

    def cookie(self, name="hromada_session"):
        for value in self.headers.get("set-cookie", "").split(", "):
            pair = value.split(";", 1)[0]
            if pair.startswith(name + "="):
                return pair
        return None

    def __str__(self):
        if self.error:
            return f"no answer after {self.elapsed:.2f}s ({self.error})"
        body = self.body[:300].decode("utf-8", "replace")
        return f"{self.status} after {self.elapsed:.2f}s: {body}"


def request(base, method, path, body=None, cookie=None, csrf=None, headers=None, timeout=30):
    url = urllib.parse.urlsplit(base)
    sent = {"Accept-Language": "en", "Connection": "close"}
    data = None
    if isinstance(body, (bytes, bytearray)):
        data = bytes(body)
    elif body is not None:
        data = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    if cookie:
        sent["Cookie"] = cookie
    if csrf:
        sent["X-CSRF-Token"] = csrf
    sent.update(headers or {})
    started = time.monotonic()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        payload = response.read()
        got = {}
        for key, value in response.getheaders():
            key = key.lower()
            got[key] = f"{got[key]}, {value}" if key in got else value
        return Resp(response.status, got, payload, started, time.monotonic() - started)
    except (OSError, http.client.HTTPException) as err:
        return Resp(None, {}, b"", started, time.monotonic() - started, f"{type(err).__name__}: {err}")
    finally:
        conn.close()


def must(resp, status, what):
    expect(resp.status == status, f"{what}: expected {status}, got {resp}")
    return resp


def sign_in(base, login, password):
    r = must(request(base, "POST", "/api/v1/auth/login", {"login": login, "password": password}), 200,
             f"sign-in of {login} at {base}")
    cookie = r.cookie()
    expect(cookie, f"sign-in at {base} set no session cookie: {r.headers}")
    expect("secure" not in r.headers.get("set-cookie", "").lower(),
           "the session cookie is Secure on plain http (HROMADA__AUTH__COOKIE_SECURE=false missing?)")
    return cookie, r.json()["csrf_token"]


def port_of(base):
    return f"127.0.0.1:{urllib.parse.urlsplit(base).port}"


# ------------------------------------------------------------------------------------------
# The database
# ------------------------------------------------------------------------------------------


def psql(sql):
    """Runs SQL; returns the rows of the last statement's output as lists of strings."""
    done = subprocess.run(
        [env("SO_PSQL"), "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
         "-d", env("SO_DB_URL"), "-f", "-"],
        input=sql, capture_output=True, text=True, timeout=120,
    )
    if done.returncode != 0:
        fail(f"psql failed: {done.stderr.strip()}\n{sql[:500]}")
    return [line.split("\t") for line in done.stdout.splitlines() if line]


def scalar(sql):
    rows = psql(sql)
    return rows[0][0] if rows else None


def quote(text):
    return "'" + text.replace("'", "''") + "'"


class Voter:
    def __init__(self, login, token, csrf):
        self.login = login
        self.cookie = f"hromada_session={token}"
        self.csrf = csrf


def seed_voters(prefix, count, phone_prefix):
    """Residents with everything the demo session requires and an open session each, straight
    into the database (as tests/bench/votes.rs does): signing in is not what is tested."""
    voters = [Voter(f"{prefix}-{i:04d}", secrets.token_hex(32), secrets.token_hex(32)) for i in range(count)]
    users = ",\n".join(
        f"({quote(v.login)}, 'Scale', 'Voter', '{phone_prefix}{i:07d}', DATE '1990-01-01', 'uk', false, now(), now())"
        for i, v in enumerate(voters)
    )
    sessions = ",\n".join(
        f"({quote(v.login)}, '{hashlib.sha256(v.cookie.split('=', 1)[1].encode()).hexdigest()}', '{v.csrf}')"
        for v in voters
    )
    psql(f"""
        BEGIN;
        INSERT INTO users (login, last_name, first_name, phone, birth_date, lang, is_platform_admin,
                           created_at, updated_at)
        VALUES {users};
        INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent)
        SELECT s.id_hash, u.id, s.csrf, now(), now(), now() + interval '12 hours', 'scale-out'
        FROM (VALUES {sessions}) AS s(login, id_hash, csrf) JOIN users u ON u.login = s.login;
        COMMIT;
    """)
    return voters


def voting_setup():
    """(session id, votes per voter, admitted project ids) of the demo city's session."""
    row = psql("""
        SELECT s.id, s.votes_per_voter FROM budget_sessions s JOIN cities c ON c.id = s.city_id
        WHERE c.slug = 'kyiv' ORDER BY s.id LIMIT 1
    """)
    expect(row, "no budget session in the demo city")
    session, limit = int(row[0][0]), int(row[0][1])
    projects = [int(r[0]) for r in psql(
        f"SELECT id FROM projects WHERE budget_session_id = {session} AND status = 'admitted' ORDER BY id")]
    expect(len(projects) > limit, f"the demo session needs more than {limit} admitted projects, has {len(projects)}")
    return session, limit, projects


def verify_votes(prefix, records, limit):
    """Compares the database with what the voters were told. `records`: one per vote request,
    (login, project, outcome) with outcome 'ok' (2xx), 'refused' (a 4xx refusal: this request
    wrote nothing) or 'unknown' (no answer, or an answer that does not say). Returns counts."""
    stored = {}
    for login, project, n in psql(f"""
        SELECT b.voter_key, v.project_id, count(*) FROM votes v JOIN ballots b ON b.id = v.ballot_id
        WHERE b.voter_key LIKE {quote(prefix + '-%')} GROUP BY 1, 2
    """):
        stored[(login, int(project))] = int(n)
    duplicates = [k for k, n in stored.items() if n > 1]
    expect(not duplicates, f"(voter, project) counted more than once: {duplicates[:5]}")

    by_pair = {}
    for login, project, outcome in records:
        by_pair.setdefault((login, project), []).append(outcome)
    missing, unexplained, double_ok = [], [], []
    for pair, outcomes in by_pair.items():
        if outcomes.count("ok") > 1:
            double_ok.append(pair)
        if "ok" in outcomes and pair not in stored:
            missing.append(pair)
        if pair in stored and "ok" not in outcomes and "unknown" not in outcomes:
            unexplained.append((pair, outcomes))
    strays = [pair for pair in stored if pair not in by_pair]
    expect(not double_ok, f"a vote answered 2xx twice for the same voter and project: {double_ok[:5]}")
    expect(not missing, f"{len(missing)} votes answered 2xx are not in the database: {missing[:5]}")
    expect(not unexplained, f"votes in the database that every request for them was refused: {unexplained[:5]}")
    expect(not strays, f"votes in the database that nobody cast: {strays[:5]}")
    unknown_pairs = [p for p, o in by_pair.items() if "ok" not in o and "unknown" in o]
    unknown_present = sum(1 for p in unknown_pairs if p in stored)

    bad_ballots = psql(f"""
        SELECT b.voter_key, b.votes_cast, count(v.id),
               coalesce((SELECT sum(p.votes_cast) FROM ballot_pots p WHERE p.ballot_id = b.id), 0)
        FROM ballots b LEFT JOIN votes v ON v.ballot_id = b.id
        WHERE b.voter_key LIKE {quote(prefix + '-%')}
        GROUP BY b.id, b.voter_key, b.votes_cast
        HAVING b.votes_cast <> count(v.id) OR count(v.id) > {limit} OR count(v.id) = 0
    """)
    expect(not bad_ballots,
           f"ballots whose count is off, over the limit of {limit}, or empty (voter, votes_cast, "
           f"vote rows, pot counts): {bad_ballots[:5]}")
    bad_projects = psql("""
        SELECT p.id, p.vote_count, count(v.id) FROM projects p LEFT JOIN votes v ON v.project_id = p.id
        GROUP BY p.id, p.vote_count HAVING p.vote_count <> count(v.id)
    """)
    expect(not bad_projects, f"projects whose vote_count differs from their votes (id, count, rows): {bad_projects[:5]}")
    ballots = int(scalar(f"SELECT count(*) FROM ballots WHERE voter_key LIKE {quote(prefix + '-%')}"))
    return {
        "stored": len(stored),
        "ballots": ballots,
        "unknown": len(unknown_pairs),
        "unknown_present": unknown_present,
    }


# ------------------------------------------------------------------------------------------
# 1. Sessions
# ------------------------------------------------------------------------------------------


def check_session():
    a, b, nginx = env("SO_A"), env("SO_B"), env("SO_NGINX")
    login, password = env("SO_RESIDENT_LOGIN"), env("SO_RESIDENT_PASSWORD")
    cookie, csrf = sign_in(a, login, password)
    ok(f"signed in as {login} on A")
    r = must(request(b, "GET", "/api/v1/auth/session", cookie=cookie), 200, "the session from A, on B")
    expect(r.json()["user"]["login"] == login and r.json()["csrf_token"] == csrf,
           f"B sees another session: {r}")
    must(request(b, "GET", "/api/v1/me", cookie=cookie), 200, "GET /me on B with A's cookie")
    ok("B knows the session opened on A (same user, same CSRF token)")
    r = request(b, "POST", "/api/v1/auth/logout", cookie=cookie)
    expect(r.status == 403 and r.code == "csrf-failed", f"a POST on B without the CSRF token: expected 403 csrf-failed, got {r}")
    must(request(b, "POST", "/api/v1/auth/logout", cookie=cookie, csrf=csrf), 204, "sign-out on B")
    ok("B checks the CSRF token issued by A, and signs the session out")
    r = request(a, "GET", "/api/v1/auth/session", cookie=cookie)
    expect(r.status == 401, f"the session signed out on B still works on A: {r}")
    ok("the session signed out on B is gone on A (401)")

    cookie, csrf = sign_in(nginx, login, password)
    seen = set()
    for _ in range(6):
        r = must(request(nginx, "GET", "/api/v1/auth/session", cookie=cookie), 200, "the session through nginx")
        seen.add(r.upstream)
    expect(seen >= {port_of(a), port_of(b)}, f"nginx sent six requests to {seen} only, expected both instances")
    must(request(nginx, "POST", "/api/v1/auth/logout", cookie=cookie, csrf=csrf), 204, "sign-out through nginx")
    ok(f"through nginx one session works on both instances ({', '.join(sorted(seen))})")


# ------------------------------------------------------------------------------------------
# 1b. Shared file storage (the city's logo)
# ------------------------------------------------------------------------------------------


def tiny_png(rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def check_storage():
    a, b = env("SO_A"), env("SO_B")
    cookie, csrf = sign_in(a, env("SO_ADMIN_LOGIN"), env("SO_ADMIN_PASSWORD"))
    first, second = tiny_png((200, 30, 30)), tiny_png((30, 30, 200))
    must(request(a, "PUT", "/api/v1/cities/kyiv/logo", body=first, cookie=cookie, csrf=csrf,
                 headers={"Content-Type": "image/png"}), 204, "uploading the city's logo through A")
    r = must(request(b, "GET", "/api/v1/cities/kyiv/logo"), 200, "the logo uploaded through A, from B")
    expect(r.body == first, f"B served other bytes than A stored ({len(r.body)} vs {len(first)})")
    ok("a logo uploaded through A is served by B (one storage folder)")
    must(request(b, "PUT", "/api/v1/cities/kyiv/logo", body=second, cookie=cookie, csrf=csrf,
                 headers={"Content-Type": "image/png"}), 204, "replacing the logo through B")
    r = must(request(a, "GET", "/api/v1/cities/kyiv/logo"), 200, "the logo replaced through B, from A")
    expect(r.body == second, "A still serves the old logo after B replaced it")
    ok("the logo replaced through B is served by A")


# ------------------------------------------------------------------------------------------
# 2. Translation overrides
# ------------------------------------------------------------------------------------------


def check_translation():
    a, b = env("SO_A"), env("SO_B")
    key = "nav-projects"
    messages = "/api/v1/cities/kyiv/messages/uk"
    before = must(request(b, "GET", messages), 200, "the city's messages on B")
    etag = before.headers.get("etag")
    expect(etag, f"the messages carry no ETag: {before.headers}")
    must(request(b, "GET", messages, headers={"If-None-Match": etag}), 304, "revalidating the messages on B")
    default = before.json()[key]

    cookie, csrf = sign_in(a, env("SO_ADMIN_LOGIN"), env("SO_ADMIN_PASSWORD"))
    value = f"Проєкти громади {secrets.token_hex(3)}"
    must(request(a, "PUT", f"/api/v1/cities/kyiv/translations/uk/{key}", {"value": value}, cookie=cookie, csrf=csrf),
         204, "an admin overriding a translation on A")
    ok(f"admin changed {key} on A")
    r = request(b, "GET", messages, headers={"If-None-Match": etag})
    expect(r.status == 200, f"B still answers 304 for the old ETag after A changed a message: {r}")
    expect(r.json()[key] == value, f"B serves {r.json()[key]!r} for {key}, expected {value!r}")
    expect(r.headers.get("etag") != etag, "B's ETag did not change with the message")
    ok("B serves the new text at once (messages endpoint; the old ETag no longer matches)")
    r = must(request(b, "GET", "/api/v1/cities/kyiv/translations/uk"), 200, "the translations list on B")
    item = next((t for t in r.json() if t["key"] == key), None)
    expect(item and item["override"] == value and item["value"] == value, f"B lists {item}")
    ok("B lists the override (translations API)")
    must(request(b, "DELETE", f"/api/v1/cities/kyiv/translations/uk/{key}", cookie=cookie, csrf=csrf),
         204, "resetting the translation on B")
    r = must(request(a, "GET", messages), 200, "the messages on A")
    expect(r.json()[key] == default, f"A serves {r.json()[key]!r} after the reset on B, expected {default!r}")
    ok("reset on B, A serves the default again")


# ------------------------------------------------------------------------------------------
# 3. E-mail through the shared outbox
# ------------------------------------------------------------------------------------------


def sink_messages():
    messages = []
    try:
        with open(env("SO_SMTP_FILE"), encoding="utf-8") as f:
            for line in f:
                try:
                    messages.append(json.loads(line))
                except ValueError:
                    pass  # a line the sink is still writing
    except FileNotFoundError:
        pass
    return messages


def wait_for_mail(expected, timeout=30):
    """Waits until every address in `expected` ({address: count}) got its e-mails, then a while
    longer for duplicates; returns {address: [subjects]} of those addresses."""
    deadline = time.monotonic() + timeout
    while True:
        got = {}
        for m in sink_messages():
            for to in m["to"]:
                if to in expected:
                    got.setdefault(to, []).append(m["subject"])
        if all(len(got.get(to, [])) >= n for to, n in expected.items()):
            break
        if time.monotonic() > deadline:
            fail(f"e-mails did not arrive within {timeout}s: expected {expected}, got {got}")
        time.sleep(0.1)
    # Both workers poll every few hundred milliseconds: give a second delivery time to show.
    time.sleep(2.5)
    got = {}
    for m in sink_messages():
        for to in m["to"]:
            if to in expected:
                got.setdefault(to, []).append(m["subject"])
    return got


def check_email():
    a, b = env("SO_A"), env("SO_B")
    run = secrets.token_hex(3)
    phones = random.randrange(10**5, 10**6)
    addresses = []
    for i in range(6):
        address = f"so-{run}-{i}@example.org"
        login = f"+38093{phones}{i}"
        r = must(request(a, "POST", "/api/v1/auth/register", {
            "login": login, "password": "scale-out-Pa55word", "last_name": "Пошта",
            "first_name": "Тест", "email": address, "lang": "en",
        }), 201, f"registering {address} on A")
        addresses.append((address, login))
    ok("6 registrations on A queued their verification e-mails")
    # Password resets, queued on B, for three of them (a reset goes to a verified address).
    verified = addresses[:3]
    psql(f"UPDATE users SET email_verified_at = now() WHERE email IN ({', '.join(quote(x) for x, _ in verified)})")
    for address, login in verified:
        must(request(b, "POST", "/api/v1/auth/password-reset", {"login": login}), 202, f"a password reset on B for {login}")
    ok("3 password resets on B queued their e-mails")
    expected = {address: 2 if (address, login) in verified else 1 for address, login in addresses}
    got = wait_for_mail(expected)
    for address, n in expected.items():
        subjects = got.get(address, [])
        expect(len(subjects) == n and len(set(subjects)) == n,
               f"{address} got {subjects}, expected {n} different e-mail(s), each once")
    rows = psql(f"""
        SELECT to_address, status, attempts FROM outbox
        WHERE to_address IN ({', '.join(quote(x) for x in expected)})
    """)
    expect(len(rows) == sum(expected.values()), f"outbox rows: {rows}")
    expect(all(status == "sent" for _, status, _ in rows), f"outbox rows not all sent: {rows}")
    ok(f"each of the {len(rows)} e-mails arrived exactly once although both instances run the outbox worker "
       f"(outbox: all sent, attempts {sorted(set(int(x) for _, _, x in rows))})")


# ------------------------------------------------------------------------------------------
# 4. kill -9 of instance A during a vote storm
# ------------------------------------------------------------------------------------------


def proc_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except (FileNotFoundError, IndexError):
        return False


def classify_vote(r):
    """'ok', 'refused' (a problem+json 4xx: nothing written) or 'unknown'."""
    if r.status is not None and 200 <= r.status < 300:
        return "ok"
    if r.status is not None and 400 <= r.status < 500 and r.code:
        return "refused"
    return "unknown"


def check_storm():
    nginx, a, b = env("SO_NGINX"), env("SO_A"), env("SO_B")
    pid_a = int(env("SO_A_PID"))
    voters_n = int(env("SO_VOTERS", "150"))
    concurrency = int(env("SO_CONCURRENCY", "24"))
    _, limit, projects = voting_setup()
    prefix = f"so4-{secrets.token_hex(3)}"
    voters = seed_voters(prefix, voters_n, "+38067")
    ok(f"{voters_n} voters with open sessions added to the database; {len(projects)} admitted projects, "
       f"{limit} votes each")

    # Each voter asks for more projects than allowed (limit + 2), all at about the same time,
    # and every third one repeats a vote: the limit and the uniqueness are tested under load.
    tasks = []
    for i, voter in enumerate(voters):
        choice = random.sample(projects, min(limit + 2, len(projects)))
        if i % 3 == 0:
            choice.append(choice[0])
        random.shuffle(choice)
        tasks += [(voter, p) for p in choice]
    total = len(tasks)
    kill_after = int(total * 0.35)

    lock = threading.Lock()
    done = [0]
    killed = threading.Event()
    kill_time = [None]
    records = []
    stop_readers = threading.Event()
    reads = []
    probes = []

    def vote(task):
        voter, project = task
        r = request(nginx, "POST", f"/api/v1/cities/kyiv/projects/{project}/vote", {},
                    cookie=voter.cookie, csrf=voter.csrf, timeout=60)
        with lock:
            records.append((voter.login, project, r))
            done[0] += 1
            due = done[0] >= kill_after and not killed.is_set()
            if due:
                killed.set()
        if due:
            os.kill(pid_a, signal.SIGKILL)
            kill_time[0] = time.monotonic()
            print(f"  .. kill -9 {pid_a} (instance A) after {done[0]} of {total} votes", flush=True)

    def reader():
        voter = voters[0]
        paths = ["/api/v1/cities/kyiv/projects", "/api/v1/cities/kyiv/me/ballot", "/api/v1/cities/kyiv"]
        i = 0
        while not stop_readers.is_set():
            path = paths[i % len(paths)]
            reads.append(request(nginx, "GET", path, cookie=voter.cookie, timeout=60))
            i += 1
            time.sleep(0.02)

    def prober():
        while not stop_readers.is_set():
            probes.append(request(b, "GET", "/readyz", timeout=10))
            time.sleep(0.2)

    helpers = [threading.Thread(target=reader), threading.Thread(target=reader), threading.Thread(target=prober)]
    for t in helpers:
        t.start()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(vote, tasks))
    elapsed = time.monotonic() - started
    stop_readers.set()
    for t in helpers:
        t.join()
    expect(killed.is_set() and kill_time[0], "instance A was never killed")
    expect(not proc_alive(pid_a), f"instance A (pid {pid_a}) is still running after kill -9")
    expect(request(a, "GET", "/healthz", timeout=3).status is None, "something still answers on A's port")

    outcomes = {"ok": 0, "refused": 0, "unknown": 0}
    kept = []
    statuses = {}
    for login, project, r in records:
        outcome = classify_vote(r)
        outcomes[outcome] += 1
        key = r.status if r.status is not None else "no answer"
        statuses[key] = statuses.get(key, 0) + 1
        expect(r.status != 500, f"a vote got a 500: {r}")
        if outcome == "refused":
            expect(r.code in ("vote-none-left", "vote-already"), f"an unexpected refusal of a vote: {r}")
        if outcome == "unknown":
            # Only a request that was with A when it died may go unanswered: nginx answers 502
            # (it must not resend a POST); later ones are sent to B.
            expect(r.status in (None, 502, 504), f"a vote failed otherwise than by A's death: {r}")
            expect(r.started < kill_time[0] + 2.0,
                   f"a vote sent {r.started - kill_time[0]:.1f}s after the kill failed: {r} (nginx did not fail over)")
        if outcome == "ok":
            ballot = r.json()
            expect(isinstance(ballot, dict), f"a 2xx vote without its ballot: {r}")
        kept.append((login, project, outcome))
    after_kill = [r for _, _, r in records if r.started > kill_time[0] + 2.0]
    expect(after_kill, "no votes were sent after the kill: make the storm bigger (SO_VOTERS)")
    served_after = {r.upstream for r in after_kill if r.status and r.status < 500}
    expect(served_after == {port_of(b)}, f"votes after the kill were answered by {served_after}, expected B only")
    before_kill = {r.upstream for _, _, r in records if r.started < kill_time[0] - 0.5 and r.status == 200}
    expect(port_of(a) in before_kill and port_of(b) in before_kill,
           f"before the kill votes went to {before_kill}, expected both instances")
    ok(f"{total} vote requests in {elapsed:.1f}s, {concurrency} at a time through nginx, both instances "
       f"before the kill, B alone after it; answers {dict(sorted(statuses.items(), key=str))}")

    bad_reads = [r for r in reads if r.status != 200]
    expect(reads and not bad_reads,
           f"{len(bad_reads)} of {len(reads)} GETs through nginx failed (nginx should retry them on B): "
           f"{[str(r) for r in bad_reads[:3]]}")
    bad_probes = [r for r in probes if r.status != 200]
    expect(probes and not bad_probes, f"B's /readyz failed during the storm: {[str(r) for r in bad_probes[:3]]}")
    ok(f"all {len(reads)} GETs through nginx answered 200 (retried on B when A died); "
       f"B's /readyz answered 200 throughout ({len(probes)} probes)")

    counts = verify_votes(prefix, kept, limit)
    ok(f"database: every 2xx vote stored ({outcomes['ok']}), refused ones not, no (voter, project) twice, "
       f"no ballot over {limit} votes, ballot and project counts match the vote rows "
       f"({counts['stored']} votes on {counts['ballots']} ballots; {counts['unknown']} unanswered, "
       f"{counts['unknown_present']} of them stored)")


# ------------------------------------------------------------------------------------------
# 5. PostgreSQL restarted under load
# ------------------------------------------------------------------------------------------


def pg_ctl(*args):
    command = [os.path.join(env("SO_PG_BINDIR"), "pg_ctl"), "-D", env("SO_PGDATA"), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    done = subprocess.run(command, cwd="/", stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        fail(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")


def check_pg_restart():
    nginx, a, b = env("SO_NGINX"), env("SO_A"), env("SO_B")
    pids = {"A": int(env("SO_A_PID")), "B": int(env("SO_B_PID"))}
    timeout = float(env("SO_DB_TIMEOUT", "3"))
    down_secs = float(env("SO_PG_DOWN_SECS", "4"))
    # A request may wait for a connection (timeout) and, holding one that breaks, fail at once;
    # nginx does not retry a 503. Anything slower is a hang.
    bound = 2 * timeout + 3
    _, limit, projects = voting_setup()
    prefix = f"so5-{secrets.token_hex(3)}"
    voters = seed_voters(prefix, 120, "+38068")
    tasks = [(v, p) for v in voters for p in random.sample(projects, limit)]
    random.shuffle(tasks)
    ok(f"{len(voters)} more voters added; load: votes and reads through nginx and at A and B directly")

    lock = threading.Lock()
    stop = threading.Event()
    results = []  # (kind, target, login, project, Resp)
    targets = [("nginx", nginx), ("A", a), ("B", b)]

    def worker(n):
        i = n
        while not stop.is_set():
            name, base = targets[i % len(targets)]
            with lock:
                task = tasks.pop() if tasks and i % 2 == 0 else None
            if task:
                voter, project = task
                r = request(base, "POST", f"/api/v1/cities/kyiv/projects/{project}/vote", {},
                            cookie=voter.cookie, csrf=voter.csrf, timeout=30)
                results.append(("vote", name, voter.login, project, r))
            else:
                voter = voters[i % len(voters)]
                path = ["/api/v1/cities/kyiv/projects", "/api/v1/cities/kyiv/me/ballot"][i % 2]
                r = request(base, "GET", path, cookie=voter.cookie, timeout=30)
                results.append(("read", name, None, None, r))
            i += 1
            time.sleep(0.03)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    time.sleep(2.0)
    pg_ctl("-m", "fast", "-w", "-t", "60", "stop")
    down_at = time.monotonic()
    print(f"  .. PostgreSQL stopped (fast); staying down {down_secs:g}s", flush=True)
    time.sleep(down_secs)
    # restart reuses the options the cluster was started with (postmaster.opts).
    pg_ctl("-l", os.path.join(env("SO_PGDATA"), "server.log"), "-w", "-t", "60", "restart")
    up_at = time.monotonic()
    print("  .. PostgreSQL started again", flush=True)

    # Each instance must answer again, without being restarted.
    recovered = {}
    deadline = up_at + 2 * timeout + 15
    while len(recovered) < 2 and time.monotonic() < deadline:
        for name, base in (("A", a), ("B", b)):
            if name not in recovered and request(base, "GET", "/api/v1/cities/kyiv/projects", timeout=10).status == 200:
                recovered[name] = time.monotonic() - up_at
        time.sleep(0.2)
    time.sleep(2.0)
    stop.set()
    for t in threads:
        t.join()
    expect(len(recovered) == 2, f"after PostgreSQL came back only {sorted(recovered)} answered again within "
                                f"{deadline - up_at:.0f}s: the pool does not reconnect")
    for name, pid in pids.items():
        expect(proc_alive(pid), f"instance {name} (pid {pid}) died during the database outage")
    ok(f"both instances answer again without a restart (A after {recovered['A']:.1f}s, "
       f"B after {recovered['B']:.1f}s; same processes)")

    failures, outage, slow, after_ok = [], 0, [], {"nginx": 0, "A": 0, "B": 0}
    records = []
    for kind, name, login, project, r in results:
        if r.elapsed > bound:
            slow.append((name, kind, r))
        if r.status is not None and 200 <= r.status < 300:
            if r.started > up_at:
                after_ok[name] += 1
        elif r.status == 503:
            if r.code != "service-unavailable":
                failures.append((name, kind, r))
            outage += 1
        elif kind == "vote" and r.status in (409,) and r.code in ("vote-already", "vote-none-left"):
            pass
        else:
            failures.append((name, kind, r))
        if kind == "vote":
            outcome = classify_vote(r)
            records.append((login, project, outcome))
    expect(not failures, f"{len(failures)} requests failed otherwise than with a 503 problem+json "
                         f"service-unavailable, e.g. " + "; ".join(f"{n} {k}: {r}" for n, k, r in failures[:3]))
    expect(not slow, f"{len(slow)} requests took longer than {bound:g}s, e.g. "
                     + "; ".join(f"{n} {k}: {r}" for n, k, r in slow[:3]))
    expect(outage > 0, "no request met the outage (nothing answered 503): the load did not reach the database")
    expect(all(after_ok.values()), f"requests after the restart succeeded only at {after_ok}")
    longest = max(r.elapsed for *_, r in results)
    ok(f"{len(results)} requests: {outage} answered 503 problem+json (service-unavailable) during the outage, "
       f"none 500, none hung (longest {longest:.1f}s, bound {bound:g}s); after it all of nginx, A and B "
       f"answered 2xx ({after_ok})")

    counts = verify_votes(prefix, records, limit)
    ok(f"database: every 2xx vote stored, no (voter, project) twice, no ballot over {limit}, ballot and "
       f"project counts match the vote rows, no empty ballot left by an interrupted vote "
       f"({counts['stored']} votes; {counts['unknown']} answered 503, {counts['unknown_present']} of them stored)")

    # The background workers lived through the outage: a new e-mail goes out once.
    address = f"so-after-{secrets.token_hex(3)}@example.org"
    must(request(nginx, "POST", "/api/v1/auth/register", {
        "login": f"+38095{random.randrange(10**6, 10**7)}", "password": "scale-out-Pa55word",
        "last_name": "Пошта", "first_name": "Тест", "email": address, "lang": "en",
    }), 201, "a registration after the outage")
    got = wait_for_mail({address: 1})
    expect(len(got.get(address, [])) == 1, f"{address} got {got.get(address)} after the outage, expected one e-mail")
    ok("the outbox workers survived the outage: an e-mail queued after it arrived once")


CHECKS = {
    "session": check_session,
    "storage": check_storage,
    "translation": check_translation,
    "email": check_email,
    "storm": check_storm,
    "pg-restart": check_pg_restart,
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        print(f"usage: {sys.argv[0]} {'|'.join(CHECKS)}", file=sys.stderr)
        sys.exit(2)
    CHECKS[sys.argv[1]]()
