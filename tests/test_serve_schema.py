"""schemathesis against /api/openapi.json on the sample store (issue 13): generated
requests to every API route get no 5xx and responses that match the schema (status
codes, content types, bodies)."""
from __future__ import annotations

import pytest

from serve_pages import built_store

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from storyline.serve.app import create_app  # noqa: E402

# generated cases per route: enough to hit every parameter with odd values (empty,
# long, unicode, NUL, bad dates, negative pages) while the test stays under a minute
EXAMPLES_PER_ROUTE = 40
LOOPBACK = {"Host": "127.0.0.1"}   # the app answers loopback host names only


@pytest.fixture(scope="module")
def api_schema():
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(built_store()), headers=LOOPBACK)


def test_every_api_route_conforms_to_its_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    calls: dict[str, int] = {}
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES_PER_ROUTE, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call_and_validate(headers=LOOPBACK)
            assert response.status_code < 500
            calls[op.label] = calls.get(op.label, 0) + 1

        check()
    assert set(calls) == {op.label for op in operations}
