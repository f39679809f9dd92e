"""Progressive listing: `/experiments?pending=1` answers at once without
reading series, `/verdicts` fills the verdicts in batches; the full listing
(`/experiments`) is unchanged and both agree."""

import json

import numpy as np

from tests.support import logwriters
from tests.support.wsgi import PREFIX, make_client


def _get(client, path, **params):
    resp = client.get(PREFIX + path, query_string=params)
    return resp.status_code, json.loads(resp.get_data(as_text=True))


def _write(root, n):
    steps = np.arange(200)
    for i in range(n):
        loss = 0.3 + 2 * np.exp(-steps / (40 + i))
        logwriters.write_simple(str(root / ("run%02d" % i)), {
            "train/loss": list(zip(steps.tolist(), loss.tolist())),
            "val/loss": list(zip(steps[::10].tolist(), (loss[::10] * 1.05).tolist())),
            "train/lr": list(zip(steps.tolist(), [1e-3] * 200)),
        })


def test_pending_listing_then_verdicts_match_the_full_listing(tmp_path):
    _write(tmp_path, 12)
    client, plugin = make_client(str(tmp_path))
    code, body = _get(client, "/experiments", pending="1")
    assert code == 200
    rows = body["experiments"]
    assert len(rows) == 12
    assert all(r["pending"] is True and r["status"] is None for r in rows)
    assert all(r["roles"]["train_loss"]["tag"] == "train/loss" for r in rows)
    done = {}
    calls = 0
    while True:
        code, batch = _get(client, "/verdicts", limit="5")
        assert code == 200
        calls += 1
        assert len(batch["experiments"]) <= 5
        for r in batch["experiments"]:
            assert r["name"] not in done and "pending" not in r
            done[r["name"]] = r
        if batch["pending"] == 0:
            break
        assert calls < 20
    assert calls >= 3  # limit=5 over 12 experiments
    assert len(done) == 12
    # Now everything is cached: the fast listing is the full one.
    _, fast = _get(client, "/experiments", pending="1")
    _, full = _get(client, "/experiments")
    assert fast == full
    assert {r["name"]: r for r in full["experiments"]} == done
    # Nothing left to judge.
    _, empty = _get(client, "/verdicts")
    assert empty == {"experiments": [], "pending": 0}


def test_progressive_routes_reject_bad_parameters(tmp_path):
    _write(tmp_path, 1)
    client, _ = make_client(str(tmp_path))
    for path, params in (("/experiments", {"pending": "2"}), ("/verdicts", {"limit": "0"}),
                         ("/verdicts", {"limit": "x"}), ("/verdicts", {"nope": "1"}),
                         ("/verdicts", {"lr_tag": "("})):
        code, body = _get(client, path, **params)
        assert code == 400 and isinstance(body["error"], str), (path, params, body)
