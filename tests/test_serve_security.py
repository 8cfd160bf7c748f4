"""`storyline serve` security (issue 13): a non-loopback bind needs a token, requests
without it get 401, nothing writes, path traversal in any parameter gets 404, and on
loopback only requests naming a loopback host are answered (no DNS rebinding)."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from serve_pages import built_store

starlette = pytest.importorskip("starlette.testclient")

from storyline.serve.app import ServeError, check_bind, create_app  # noqa: E402

TOKEN = "s3cret-token-for-tests-0123456789"
ROUTES = ["/", "/search?q=talks", "/api/stories", "/api/entities", "/api/quotes", "/api/events", "/api/articles",
          "/api/search?q=talks", "/api/openapi.json", "/static/style.css"]


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def local():
    with starlette.TestClient(create_app(built_store()), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def remote():
    app = create_app(built_store(), token=TOKEN, host="0.0.0.0")
    with starlette.TestClient(app, base_url="http://192.0.2.10:8000") as c:
        yield c


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_a_non_loopback_bind_without_token_refuses(host):
    with pytest.raises(ServeError):
        check_bind(host, None)
    with pytest.raises(ServeError):
        create_app(built_store(), host=host)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_loopback_needs_no_token(host):
    check_bind(host, None)


def test_a_short_token_is_refused():
    with pytest.raises(ServeError):
        check_bind("0.0.0.0", "short")


def test_the_command_refuses_to_start_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    exe = Path(sys.executable).with_name("storyline")
    proc = subprocess.run([str(exe), "serve", "--store", built_store(), "--host", "0.0.0.0", "--port", "1"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "token" in proc.stderr and "Traceback" not in proc.stderr


def test_without_the_token_every_route_is_401(remote):
    remote.cookies.clear()
    for url in ROUTES + ["/story/x", "/nope"]:
        r = remote.get(url)
        assert r.status_code == 401, url
        assert "Lavrov" not in r.text and "Meridian" not in r.text
    assert remote.get("/api/stories", headers={"Authorization": "Bearer wrong-token-wrong-token"}).status_code == 401
    assert remote.get("/api/stories", headers={"Cookie": "storyline_token=nope"}).status_code == 401


def test_with_the_token_every_route_answers(remote):
    for url in ROUTES:
        assert remote.get(url, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200, url
        assert remote.get(url, headers={"X-Storyline-Token": TOKEN}).status_code == 200, url


def test_a_token_link_sets_a_cookie_and_leaves_the_address(remote):
    r = remote.get(f"/search?q=talks&token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/search?q=talks"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    cookie = r.headers["set-cookie"].split(";")[0]
    remote.cookies.clear()
    assert remote.get("/search?q=talks", headers={"Cookie": cookie}).status_code == 200
    remote.cookies.clear()
    assert remote.get("/?token=wrong-token-wrong-token", follow_redirects=False).status_code == 401


def test_loopback_answers_only_loopback_host_names(local):
    assert local.get("/api/stories").status_code == 200
    for host in ("localhost:8000", "[::1]:8000", "127.0.0.1"):
        assert local.get("/api/stories", headers={"Host": host}).status_code == 200, host
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example"):
        assert local.get("/api/stories", headers={"Host": host}).status_code == 421, host


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_no_endpoint_writes(local, method):
    before = _digest(built_store())
    for url in ROUTES + ["/story/x", "/api/stories/x"]:
        r = local.request(method, url, content=b'{"id": "x"}')
        assert r.status_code == 405, (method, url)
    assert _digest(built_store()) == before


def test_the_api_declares_only_reads(local):
    spec = local.get("/api/openapi.json").json()
    assert {m for ops in spec["paths"].values() for m in ops} == {"get"}


TRAVERSALS = ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
              "..\\..\\windows\\win.ini", "%252e%252e%252fetc%252fpasswd", "....//....//etc/passwd/..",
              "x%00.css"]


@pytest.mark.parametrize("bad", TRAVERSALS)
def test_path_traversal_in_any_parameter_is_404(local, bad):
    paths = [f"/static/{bad}", f"/story/{bad}", f"/entity/{bad}", f"/article/{bad}", f"/api/stories/{bad}",
             f"/api/entities/{bad}", f"/api/articles/{bad}", f"/{bad}"]
    queries = [f"/?sort={bad}", f"/search?q={bad}", f"/search?story={bad}", f"/search?outlet={bad}",
               f"/api/quotes?speaker={bad}", f"/api/quotes?via={bad}", f"/api/events?type={bad}",
               f"/api/articles?story={bad}", f"/api/search?q={bad}", f"/api/entities?name={bad}"]
    for url in paths + queries:
        r = local.get(url)
        assert r.status_code == 404, (url, r.status_code)
        assert "root:" not in r.text and "[fonts]" not in r.text


def test_security_headers_on_every_response(local):
    for url in ROUTES + ["/nope"]:
        h = local.get(url).headers
        assert "default-src 'none'" in h["content-security-policy"] and "script-src" not in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"


def test_errors_never_show_a_traceback(monkeypatch):
    app = create_app(built_store())
    site = app.app.state.holder.get()
    monkeypatch.setattr(type(site), "story_index", lambda *a, **k: 1 / 0)
    with starlette.TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        r = c.get("/")
    assert r.status_code == 500 and "Traceback" not in r.text and "ZeroDivision" not in r.text


@pytest.mark.parametrize("token", ["a" * 15, "has space in it 123456", "semi;colon;0123456789", "ünïcödé-0123456789"])
def test_a_token_that_cannot_travel_in_a_cookie_or_url_is_refused(token):
    with pytest.raises(ServeError):
        check_bind("0.0.0.0", token)


def test_head_answers_like_get_without_a_body(local):
    for url in ("/", "/api/stories", "/static/style.css", "/story/nope"):
        get, head = local.get(url), local.head(url)
        assert head.status_code == get.status_code and head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]


def test_a_port_in_use_is_one_line():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        exe = Path(sys.executable).with_name("storyline")
        proc = subprocess.run([str(exe), "serve", "--store", built_store(), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and f"port {port}" in proc.stderr
