"""The shared signal primitives every rule reads: the LR curve's events, the noise model and
the advice helpers (framework, one recommendation, one LR target)."""

import math

import numpy as np
import pytest

from tb_lrsched.engine import advice, noise
from tb_lrsched.engine.lr_events import lr_events

STEPS = np.arange(1000.0)


def test_sgdr_restarts_and_warmup_are_found():
    s = STEPS
    lr = np.where(s < 50, 0.1 * (s + 1) / 50,
                  0.05 * (1 + np.cos(np.pi * ((s - 50) % 200) / 200)))
    ev = lr_events(s, lr)
    assert ev.warmup_end is not None and 40 <= ev.warmup_end <= 50
    assert ev.restarts == (250.0, 450.0, 650.0, 850.0)
    assert ev.cycles == 4
    assert not ev.range_test
    # the tail of each cosine towards 0 is no cut
    assert ev.cut_count == 0
    assert ev.event_before(260.0, 20.0) == ("restart", 250.0)
    assert ev.event_before(300.0, 20.0) is None


def test_an_lr_held_flat_then_raised_is_a_restart_not_a_warmup():
    # SGD at 0.01 for half the run, then 10x (a resumed run, a new stage): the raise is an
    # event of its own ("right after the LR restart at step 500"), not the end of a warmup
    ev = lr_events(STEPS, np.where(STEPS < 500, 0.01, 0.1))
    assert ev.warmup_end is None
    assert ev.restarts == (500.0,)
    # a warmup rises from the very start
    ev = lr_events(STEPS, np.minimum(0.1, 0.01 + 0.09 * STEPS / 100))
    assert ev.warmup_end is not None and ev.warmup_end <= 100 and ev.restarts == ()


def test_step_decay_cuts_and_plain_schedules():
    ev = lr_events(STEPS, 0.1 * 0.1 ** (STEPS // 300))
    assert [s for s, _ in ev.cuts] == [300.0, 600.0, 900.0]
    assert all(abs(f - 10) < 1e-6 for _, f in ev.cuts)
    assert ev.restarts == () and ev.cycles == 0 and ev.warmup_end is None
    one_cycle = np.interp(STEPS, [0, 300, 999], [4e-3, 0.1, 4e-7])
    ev = lr_events(STEPS, one_cycle)
    assert ev.cycles == 0 and ev.restarts == () and not ev.range_test
    assert ev.warmup_end is not None and 280 <= ev.warmup_end <= 300


def test_cyclic_lr_counts_its_cycles():
    lr = 1e-3 + 5e-3 * np.abs(((STEPS / 100) % 2) - 1)
    ev = lr_events(STEPS, lr)
    assert ev.cycles == 5
    assert ev.restarts == ()  # a triangle rises gradually: no jump


def test_a_triangular_cycle_logged_coarsely_is_no_restart_a_warm_restart_is():
    # CyclicLR 1e-4 <-> 1e-2 every 300 steps, logged every 2 steps: its first logged interval
    # after each trough more than doubles the LR (1e-4 -> 2.3e-4) on the way to 1e-2
    st = np.arange(0, 900, 2.0)
    tri = 1e-4 + (1e-2 - 1e-4) * (1 - np.abs((st % 300) / 150 - 1))
    ev = lr_events(st, tri)
    assert ev.restarts == () and ev.cycles >= 2
    # a warm restart jumps straight back to its peak; a resumed run's raise lands on its level
    sgdr = 1e-2 * 0.5 * (1 + np.cos(np.pi * (st % 300) / 300)) + 1e-6
    assert lr_events(st, sgdr).restarts == (300.0, 600.0)
    assert lr_events(st, np.where(st < 450, 1e-3, 8e-3)).restarts == (450.0,)


def test_zero_lr_spans_tell_a_bug_from_an_annealed_end():
    bug = np.where(STEPS < 400, 0.01, 0.0)
    ev = lr_events(STEPS, bug)
    (z,) = ev.bug_zero_spans()
    assert z.start == 400.0 and z.end == 999.0 and z.at_end
    assert 0.59 <= z.fraction <= 0.61
    cosine = 0.05 * (1 + np.cos(np.pi * STEPS / 999))
    cosine[-1] = 0.0
    ev = lr_events(STEPS, cosine)
    assert len(ev.zero_spans) == 1 and ev.bug_zero_spans() == []
    # warmup from exactly 0: the first point is the start of training, not a restart
    warm = np.minimum(STEPS / 100, 1.0) * 0.1
    ev = lr_events(STEPS, warm)
    assert ev.restarts == () and ev.bug_zero_spans() == []


def test_range_test_sweep_is_recognised():
    sweep = 1e-6 * 10 ** (7 * STEPS / 999)
    ev = lr_events(STEPS, sweep)
    assert ev.range_test and math.isclose(ev.decades, 7.0, rel_tol=1e-6)
    # a warmup to a plateau is not a range test, nor a rise over only one decade
    assert not lr_events(STEPS, np.minimum(1e-5 * 10 ** (3 * STEPS / 200), 1e-2)).range_test
    assert not lr_events(STEPS, 1e-3 * 10 ** (STEPS / 999)).range_test


def test_empty_lr():
    ev = lr_events(np.zeros(0), np.zeros(0))
    assert ev.restarts == () and ev.zero_spans == () and not ev.range_test


def test_coarse_trend():
    wiggle = np.linspace(2.0, 1.0, 100) + 0.2 * np.sin(np.arange(100))
    tr = noise.trend(wiggle)
    assert np.all(np.abs(tr[5:-5] - np.linspace(2.0, 1.0, 100)[5:-5]) < 0.2)


def test_spike_level_ignores_a_wide_spike_but_follows_a_step_decay():
    base = np.r_[np.full(40, 1.0), np.full(8, 15.0), np.full(52, 0.9)]
    level, _ = noise.spike_level(base, 12)
    assert level[40:48].max() <= 1.0  # the spike does not become its own level
    decay = np.r_[np.full(50, 1.0), np.full(50, 0.3)]
    level, _ = noise.spike_level(decay, 12)
    assert level[50] >= 1.0  # just after the cut the level before it counts


def test_tail_height_is_the_runs_own_extreme():
    rng = np.random.default_rng(0)
    v = np.exp(rng.normal(0, 0.1, 10_000))
    t = noise.tail_height(v, np.ones_like(v))
    assert 0.25 < t < 0.45  # ~3.1 sigma of a 10 % log-normal noise


@pytest.mark.parametrize("names,expected", [
    (["exp/train/epoch_loss", "exp/validation/epoch_loss"], advice.KERAS),
    (["lightning_logs/version_0/train_loss_step", "lightning_logs/version_0/lr-Adam"],
     advice.LIGHTNING),
    (["runs/x/train/learning_rate", "runs/x/eval/loss", "runs/x/train/loss"], advice.HF),
    (["run/Policy/Learning Rate", "run/Losses/Value Loss"], advice.RL),
    (["ppo/train/learning_rate", "ppo/train/value_loss", "ppo/rollout/ep_rew_mean"], advice.RL),
    (["a2c/lr", "a2c/loss/value", "a2c/loss/policy", "a2c/reward/mean"], advice.RL),
    (["run/train/lr", "run/Loss/value", "run/Loss/policy"], advice.RL),
    (["a2c/rl/lr", "a2c/rl/critic_loss", "a2c/rl/actor_loss", "a2c/rl/entropy"], advice.RL),
    (["run/lr", "run/train/loss", "run/rl/episode_return"], advice.RL),
    (["run/train/loss", "run/eval/mean_reward"], advice.RL),
    # value-based learners: CleanRL's DQN, hand-written Q-learning with a target network
    (["dqn/losses/td_loss", "dqn/losses/q_values", "dqn/charts/learning_rate"], advice.RL),
    (["./loss/td", "./optim/lr", "./q/mean", "./env/reward", "./explore/epsilon"], advice.RL),
    (["sb3/train/loss", "sb3/train/learning_rate", "sb3/exploration_rate"], advice.RL),
    (["run/loss/value_head_l2", "run/lr"], None),
    (["run/train/q_proj_grad_norm", "run/train/loss", "run/val/loss"], None),
    (["run/env/temperature", "run/train/loss", "run/val/loss"], None),
    (["run/train/reward_model_loss", "run/val/loss"], None),
    (["run/train/loss", "run/val/loss", "run/train/lr"], None),
])
def test_framework_from_names(names, expected):
    assert advice.framework_of(names) == expected


def _f(kind, severity, suggestion="", **evidence):
    return {"kind": kind, "severity": severity, "suggestion": suggestion, "evidence": evidence}


def test_one_recommendation_and_one_lr_target():
    spike = _f("loss_spike", "warning", "lower the peak LR to about 2.67e-1 or add warmup",
               suggested_lr=0.267)
    osc = _f("oscillation", "warning", "LR 8e-1 is too high: try 8e-2", suggested_lr=0.08)
    out = advice.harmonise_lr_targets([spike, osc])
    assert "8e-2" in out[0]["suggestion"] and "2.67e-1" not in out[0]["suggestion"]
    assert out[1] == osc
    rec = advice.recommend(out + [_f("constant_lr", "info", "fine")])
    assert rec == {"kind": "oscillation", "text": osc["suggestion"]}
    assert advice.recommend([_f("constant_lr", "info", "fine")]) is None
    crit = _f("divergence", "critical", "lower it 10x")
    assert advice.recommend(out + [crit])["kind"] == "divergence"
