"""Browser fixtures: the real app served on a free port over a fresh PostgreSQL database, and Debian's chromium."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import factories as f
import pytest
from sqlmodel import Session
from werkzeug.serving import make_server

from legalops.auth.models import Firm, User
from legalops.db.session import Database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1366, "height": 900}
ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def _root_conftest(config: pytest.Config):
    """Return the already-loaded tests/conftest.py module (every rootless conftest is named 'conftest')."""
    for plugin in config.pluginmanager.get_plugins():
        if Path(getattr(plugin, "__file__", "") or "").resolve() == ROOT_CONFTEST:
            return plugin
    raise RuntimeError("tests/conftest.py is not loaded")


@dataclass
class LiveServer:
    """The app served over HTTP, with direct access to its committed database."""

    url: str
    database: Database

    def create_firm(self, name: str | None = None) -> Firm:
        """Register a law firm and commit it."""
        with Session(self.database.engine, expire_on_commit=False) as session:
            firm = f.firm(session, name)
            session.commit()
            return firm

    def create_user(self, role: str = "counsel", firm: Firm | None = None, locale: str = "en",
                    username: str | None = None) -> User:
        """Create a user with the factories' password and interface language, and commit it."""
        with Session(self.database.engine, expire_on_commit=False) as session:
            user = f.user(session, role, firm=firm, username=username)
            user.locale = locale
            session.commit()
            return user

    def create_case(self, actor: User, **options):
        """Open a case with the factories (debtors, loan, collateral as asked) and commit it."""
        with Session(self.database.engine, expire_on_commit=False) as session:
            case = f.case(session, session.get(User, actor.id), **options)
            session.commit()
            return case

    def sign_in(self, page, user: User, password: str = f.PASSWORD) -> None:
        """Sign `user` in through the login form and wait for the home page."""
        page.goto(f"{self.url}/login")
        page.fill("#username", user.username)
        page.fill("#password", password)
        page.click("[data-testid=login-submit]")
        page.wait_for_url(f"{self.url}/")

    def sign_out(self, page) -> None:
        """Sign out with the header's button."""
        page.click("[data-testid=sign-out]")
        page.wait_for_selector("[data-testid=login-form]")


@pytest.fixture
def live_server(request, pg_server, tmp_path):
    """Serve a fresh app (CSRF on, rate limits off) on 127.0.0.1 in a daemon thread."""
    from legalops import create_app

    url = _root_conftest(request.config).fresh_pg_database(pg_server)
    database = Database(url)
    app = create_app({"DATABASE": database, "SECRET_KEY": "test", "STORAGE_DIR": str(tmp_path / "storage"),
                      "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", database=database)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        database.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's chromium once for the run (Playwright's own browsers cannot be downloaded here)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (own cookies, given locale, 1366 wide); closed after the test."""
    contexts = []

    def open_page(locale: str = "en-US"):
        context = browser.new_context(locale=locale, viewport=VIEWPORT)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()

