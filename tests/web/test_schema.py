"""schemathesis against the served OpenAPI schema: every operation, a few generated requests each.

Each request is checked for no server error, a documented status code and content type, and a body
that matches its schema (error bodies included). Review operations run without a login, so generated
data never changes the store the other web tests share; their accepted path is tested in test_auth.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from conftest import LiveServer
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance


@pytest.fixture(scope="session")
def api_schema(live_server: LiveServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{live_server.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_schema_every_operation_conforms(case: schemathesis.Case[Any]) -> None:
    # A schema cannot say which cursors the API gave out: a made-up ``after`` is a 400, not valid data.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
