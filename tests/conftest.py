"""Shared fixtures: real event files written by real writers; markers by folder.

Layout: tests/unit (in-process, fast), tests/integration (real `tensorboard` processes, CLI
subprocesses, real trainings), tests/browser (Playwright + Debian chromium); helpers in
tests/support. Every test gets its folder's marker (`browser`, `integration`); a test anywhere
that needs a real training (the Keras fixtures below) is `integration` too, so
`pytest -m "not browser and not integration"` runs no training, no server and no browser.
"""

import os

import pytest

from tests.support import training

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDER_MARKERS = {"unit": (), "integration": ("integration",), "browser": ("browser",)}
TRAINING_FIXTURES = frozenset({"keras_logdir", "mixed_logdir"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        rel = os.path.relpath(str(item.path), HERE).split(os.sep)
        names = set(FOLDER_MARKERS.get(rel[0], ())) if len(rel) > 1 else set()
        if TRAINING_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            names.add("integration")
        for name in sorted(names):
            item.add_marker(name)


def realdata_root():
    """``../shared/realdata`` beside the checkout (or ``$TB_LRSCHED_REALDATA``), or None."""
    root = os.environ.get("TB_LRSCHED_REALDATA") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "realdata")
    return os.path.abspath(root) if os.path.isdir(root) else None


@pytest.fixture(scope="session")
def realdata():
    """The public real event files. A user's clone has no ../shared: skip there with the reason.
    CI (CI=true) always has them, so there a missing folder is a failure, never a silent skip."""
    root = realdata_root()
    if root is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI must have ../shared/realdata beside the checkout (or TB_LRSCHED_REALDATA)")
        pytest.skip("../shared/realdata is not beside this checkout (set TB_LRSCHED_REALDATA to "
                    "a folder of real event files to run this test)")
    return root


@pytest.fixture(scope="session")
def keras_logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("keras_logs")
    training.train_keras(str(root / "sgd_decay"), epochs=4)
    return str(root)


@pytest.fixture(scope="session")
def mixed_logdir(tmp_path_factory, keras_logdir):
    """A logdir with several writers' layouts side by side."""
    root = tmp_path_factory.mktemp("mixed")
    return training.write_mixed_logdir(str(root), os.path.join(keras_logdir, "sgd_decay"))
