"""Shared fixtures: real database servers, read from the environment.

PostgreSQL and MariaDB tests read ``TDG_TEST_POSTGRES_URL`` and
``TDG_TEST_MYSQL_URL`` (defaults: the servers on 127.0.0.1). Without a server
they skip with the reason; with ``TDG_REQUIRE_SERVICES=1`` (CI) they fail.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

POSTGRES_URL = os.environ.get("TDG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
MYSQL_URL = os.environ.get("TDG_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test")
REQUIRE_SERVICES = os.environ.get("TDG_REQUIRE_SERVICES", "") not in ("", "0", "false", "no")


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 0), timeout=2):
            return True
    except OSError:
        return False


def _service_url(url: str, name: str) -> str:
    if _reachable(url):
        return url
    reason = f"{name} is not reachable at {urlsplit(url).netloc} (set the URL in the environment)"
    if REQUIRE_SERVICES:
        pytest.fail(f"TDG_REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    yield _service_url(POSTGRES_URL, "PostgreSQL")


@pytest.fixture(scope="session")
def mysql_url() -> Iterator[str]:
    yield _service_url(MYSQL_URL, "MariaDB/MySQL")


@pytest.fixture(scope="session")
def shared_dir() -> str:
    """``../shared`` beside the repository (CI clones it there)."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "shared"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files (expected diagnostics, fingerprints, snapshots) from current output",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten instead of compared."""
    return bool(request.config.getoption("--update-golden"))
