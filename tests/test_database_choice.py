"""The app's tests run on the database asked for (make test runs them on both)."""

from workshop.extensions import db


def test_the_app_runs_on_the_chosen_database(app, request):
    chosen = request.config.getoption("--database")
    assert db.engine.dialect.name == chosen
    if chosen == "postgresql":  # its own schema, so runs never see each other's rows
        assert "search_path" in str(db.engine.url)
