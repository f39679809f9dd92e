"""One logdir with every kind of damage to real event files, and what each experiment must look like.

Shared by tests/integration/test_robustness.py (the routes and the command) and
tests/integration/test_live_and_load.py (a real `tensorboard` serving the same logdir).
"""

import os
import re

import numpy as np
import pytest

from tests.support import damage, logwriters

N = 240
STEPS = np.arange(N)
HEALTHY_LOSS = 2.0 * np.exp(-STEPS / 60.0) + 0.2 + 0.004 * np.sin(STEPS * 0.7)
COSINE_LR = 0.05 * 0.5 * (1 + np.cos(np.pi * STEPS / N))

# An experiment's data is "insufficient/invalid" when a note says what could
# not be judged or read.
INSUFFICIENT = re.compile(r"too few|not judged|could not be read|no verdict|insufficient", re.I)


def pairs(steps, values):
    return list(zip(np.asarray(steps).tolist(), np.asarray(values, dtype=float).tolist()))


def healthy_series(loss=HEALTHY_LOSS, lr=COSINE_LR):
    return {"train/loss": pairs(STEPS, loss), "train/lr": pairs(STEPS, lr),
            "val/loss": pairs(STEPS[9::10], np.asarray(loss)[9::10] * 1.05)}


def diverging_loss(at=120):
    loss = HEALTHY_LOSS.copy()
    loss[at:at + 20] = loss[at] * np.exp(np.arange(20) / 3.0)
    loss[at + 20:] = np.nan
    return loss


def write_run(root, name, series, **kw):
    return logwriters.write_simple(os.path.join(root, name), series, wall_start=1.7e9, **kw)


def build_damaged_logdir(root):
    """One logdir, one experiment per kind of damage, plus a healthy control."""
    write_run(root, "control", healthy_series())

    d = write_run(root, "truncated_last", healthy_series())
    damage.truncate_last_record(damage.only_event_file(d))

    d = write_run(root, "bad_crc_mid", healthy_series())
    f = damage.only_event_file(d)
    damage.corrupt_data_crc(f, len(damage.records(f)) // 2)

    d = write_run(root, "bitrot_mid", healthy_series())
    f = damage.only_event_file(d)
    damage.corrupt_payload(f, len(damage.records(f)) // 2)

    # Bit rot inside a loss value: read unchecked, 0.5 would become NaN and
    # a false divergence. Checksummed (Python loader; the CLI's Rust server
    # runs with --checksum) the reader stops at the record instead.
    d = write_run(root, "value_bitflip", healthy_series())
    damage.flip_value_bit(damage.only_event_file(d), "train/loss", N // 2)

    # A NaN divergence, then a bad checksum after it: still critical.
    d = write_run(root, "crc_after_divergence", healthy_series(loss=diverging_loss(120)))
    f = damage.only_event_file(d)
    damage.corrupt_data_crc(f, int(len(damage.records(f)) * 0.8))

    damage.empty_event_file(os.path.join(root, "empty_only"))
    write_run(root, "empty_next_to_data", healthy_series())
    damage.empty_event_file(os.path.join(root, "empty_next_to_data"), stamp=1999999999)

    write_run(root, "only_lr", {"train/lr": pairs(STEPS, COSINE_LR)})
    write_run(root, "only_loss", {"train/loss": pairs(STEPS, HEALTHY_LOSS)})
    write_run(root, "one_point", {"train/loss": [(0, 2.3)], "train/lr": [(0, 0.01)],
                                  "val/loss": [(0, 2.4)]})

    nan = HEALTHY_LOSS.copy()
    nan[150:] = np.nan
    write_run(root, "nan_loss", healthy_series(loss=nan))
    inf = HEALTHY_LOSS.copy()
    inf[150:] = np.inf
    write_run(root, "inf_loss", healthy_series(loss=inf))
    boom = HEALTHY_LOSS.copy()
    boom[150:] = 1e30
    write_run(root, "explodes_to_1e30", healthy_series(loss=boom))
    write_run(root, "scaled_1e30", healthy_series(loss=HEALTHY_LOSS * 1e30))
    # A negative objective (e.g. a negative log-likelihood bound) that keeps
    # falling smoothly: valid data, nothing critical about it.
    write_run(root, "negative_loss", healthy_series(loss=-3.0 + HEALTHY_LOSS))

    # Diverged at 150, resumed from the checkpoint of step 100 with a lower
    # LR: the abandoned attempt's points (100..239, NaN from 170) must not be
    # judged; the resumed attempt runs healthy to step 299.
    first = diverging_loss(150)
    steps2 = np.arange(100, 300)
    second = 2.0 * np.exp(-steps2 / 60.0) + 0.2
    w1 = 1.7e9 + STEPS * 0.01
    w2 = 1.7e9 + 100 + steps2 * 0.01
    write_run(root, "restart_from_checkpoint", {
        "train/loss": [(s, v, w) for s, v, w in zip(STEPS.tolist(), first.tolist(), w1.tolist())]
        + [(s, v, w) for s, v, w in zip(steps2.tolist(), second.tolist(), w2.tolist())],
        "train/lr": [(s, 0.05, w) for s, w in zip(STEPS.tolist(), w1.tolist())]
        + [(s, 0.01, w) for s, w in zip(steps2.tolist(), w2.tolist())]})

    # A counter that runs backwards (steps 239..0 in write order).
    back = [(int(N - 1 - i), float(HEALTHY_LOSS[i]), 1.7e9 + i) for i in range(N)]
    write_run(root, "steps_backwards", {"train/loss": back,
                                        "train/lr": [(s, 0.01, w) for s, _, w in back]})

    # Scalar-like names holding non-scalar data.
    d = write_run(root, "vector_loss", {"train/lr": pairs(STEPS, COSINE_LR)})
    damage.write_non_scalar(d, "train/loss", [1.0, 2.0, 3.0])
    d = write_run(root, "string_loss", {"train/lr": pairs(STEPS, COSINE_LR)})
    damage.write_non_scalar(d, "train/loss", b"0.25")
    d = write_run(root, "tensor_lr", {"train/loss": pairs(STEPS, HEALTHY_LOSS),
                                      "val/loss": pairs(STEPS[9::10], HEALTHY_LOSS[9::10])})
    damage.write_non_scalar(d, "learning_rate", [[0.1, 0.2]], as_scalar_plugin=False)
    return root


# --- what each experiment must look like ------------------------------------
# Each check gets the experiment's record (a /report body, or a CLI JSON run
# with no "series") and the loader's name ("python" or "rust").

def kinds(rec):
    return [f["kind"] for f in rec["findings"]]


def worst(rec):
    return max((f["severity"] for f in rec["findings"]),
               key=lambda s: {"info": 0, "warning": 1, "critical": 2}[s], default=None)


def insufficient(rec):
    return any(INSUFFICIENT.search(n) for n in rec["notes"])


def points(rec, role):
    s = rec.get("series", {}).get(role)
    return None if s is None else s["points"]


def _healthy(rec, loader):
    assert rec["status"] == "healthy" and worst(rec) in (None, "info"), rec["findings"]


def _diverges_at(lo, hi):
    def check(rec, loader):
        assert rec["status"] == "critical"
        div = [f for f in rec["findings"] if f["kind"] == "divergence"]
        assert div, rec["findings"]
        at = div[0].get("step", div[0]["start_step"])
        assert lo <= at <= hi, div[0]
    return check


def _truncated(rec, loader):
    _healthy(rec, loader)
    if "series" in rec:  # every point before the cut record is there
        assert points(rec, "train_loss") == N and points(rec, "lr") == N
        assert points(rec, "val_loss") == N // 10 - 1  # the cut record was val/loss@239


def _mid_damage(rec, loader):
    # The Python loader stops reading a file at a bad record (as TensorBoard's
    # own scalar charts do); the Rust data server reads past it. Either way
    # the points read are judged correctly.
    _healthy(rec, loader)
    if "series" in rec:
        assert N // 3 <= points(rec, "train_loss") <= N


def _no_train_loss(rec, loader):
    assert rec["status"] == "healthy" and worst(rec) in (None, "info")
    assert rec["roles"]["train_loss"] is None or points(rec, "train_loss") is None
    assert insufficient(rec), rec["notes"]


def _invalid_loss(name):
    def check(rec, loader):
        _no_train_loss(rec, loader)
        if loader == "python":  # the Rust server drops such a tag without a word
            assert any("%s/train/loss" % name in n and "could not be read" in n
                       for n in rec["notes"]), rec["notes"]
    return check


def _only_loss(rec, loader):
    _healthy(rec, loader)
    assert "missing_lr" in kinds(rec)
    if "series" in rec:
        assert points(rec, "train_loss") == N


def _one_point(rec, loader):
    _healthy(rec, loader)
    assert insufficient(rec), rec["notes"]
    if "series" in rec:
        assert points(rec, "train_loss") == 1


def _same_as_control(rec, loader, control):
    assert rec["status"] == control["status"]
    assert kinds(rec) == kinds(control)


def _negative(rec, loader):
    assert rec["status"] != "critical" and "divergence" not in kinds(rec), rec["findings"]
    assert worst(rec) in (None, "info"), rec["findings"]


def _restart(rec, loader):
    # Judged on the resumed attempt only: no divergence from the abandoned one.
    assert "divergence" not in kinds(rec) and rec["status"] != "critical", rec["findings"]
    if "series" in rec:
        s = rec["series"]["train_loss"]
        assert s["points"] == 300
        assert s["steps"] == list(range(300))
        assert all(isinstance(v, float) for v in s["values"])  # no NaN from the abandoned attempt
        assert s["values"][200] == pytest.approx(2.0 * np.exp(-200 / 60.0) + 0.2, rel=1e-5)
        assert rec["series"]["lr"]["values"][120] == pytest.approx(0.01)


def _backwards(rec, loader):
    # Both loaders treat every step regression as a restart (TensorBoard's
    # own purge rule): one point is left, and the report says it is too few.
    _one_point(rec, loader)


def _value_bitflip(rec, loader):
    if loader == "tensorboard":
        # TensorBoard starts its Rust data server without --checksum: the
        # flipped value is read as it is. Pinned so that a TensorBoard that
        # starts checking is noticed (see the report / docs).
        flagged = [f for f in rec["findings"] if f["severity"] != "info"
                   and f["start_step"] <= N // 2 <= (f["end_step"] or f["start_step"])]
        assert flagged, rec["findings"]
        return
    _mid_damage(rec, loader)
    if "series" in rec:
        assert points(rec, "train_loss") == N // 2


def _tensor_lr(rec, loader):
    _healthy(rec, loader)
    assert "missing_lr" in kinds(rec)
    assert rec["roles"]["lr"] is None


EXPECTED = {
    "control": _healthy,
    "truncated_last": _truncated,
    "bad_crc_mid": _mid_damage,
    "bitrot_mid": _mid_damage,
    "value_bitflip": _value_bitflip,
    "crc_after_divergence": _diverges_at(110, 145),
    "empty_next_to_data": None,  # compared with the control below
    "only_lr": _no_train_loss,
    "only_loss": _only_loss,
    "one_point": _one_point,
    "nan_loss": _diverges_at(145, 152),
    "inf_loss": _diverges_at(145, 152),
    "explodes_to_1e30": _diverges_at(140, 152),
    "scaled_1e30": None,  # scale-free: judged like the control
    "negative_loss": _negative,
    "restart_from_checkpoint": _restart,
    "steps_backwards": _backwards,
    "vector_loss": _invalid_loss("vector_loss"),
    "string_loss": _invalid_loss("string_loss"),
    "tensor_lr": _tensor_lr,
}
LIKE_CONTROL = ("empty_next_to_data", "scaled_1e30")


def check_all_records(records, loader):
    """records: experiment name -> record. Every expectation, every name."""
    assert "empty_only" not in records  # an empty file is no experiment
    assert set(records) == set(EXPECTED), sorted(set(records) ^ set(EXPECTED))
    failures = []
    for name, check in EXPECTED.items():
        try:
            if check is None:
                _same_as_control(records[name], loader, records["control"])
            else:
                check(records[name], loader)
        except AssertionError as e:
            failures.append("%s (%s loader): %s" % (name, loader, e))
    assert not failures, "\n".join(failures)
