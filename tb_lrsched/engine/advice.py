"""Advice that fits the run: which framework wrote it, and the one recommendation per run.

* :func:`framework_of` reads the writer from the logged names (never guessed: ``None`` when
  the names do not say), so a suggestion names ``EarlyStopping`` or ``self.log`` only where
  that is the user's framework, and RL-style runs (policy/value losses, no validation) get no
  supervised-learning advice.
* :func:`harmonise_lr_targets` makes the findings of one run agree on the LR to move to: when
  several findings each suggest lowering the LR, every suggestion names the lowest of their
  targets (a spike that says "about 2.7e-1" next to an oscillation that says "8e-2" is two
  answers to one question).
* :func:`recommend` picks the single most important change, with the run's numbers, from the
  findings (worst first; among equals, the cause before its symptoms).
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, List, Optional

from tb_lrsched.engine.text import fmt_lr
from tb_lrsched.report import Finding, Recommendation

KERAS, LIGHTNING, HF, PYTORCH, RL = "keras", "lightning", "hf", "pytorch", "rl"

# Tag shapes the RL libraries write (ML-Agents: "Policy/Learning Rate", "Losses/Value Loss",
# "Environment/Cumulative Reward"; Stable-Baselines3 and CleanRL: "rollout/ep_rew_mean",
# "train/value_loss", "losses/policy_loss", "charts/episodic_return"), and hand-written
# actor-critic loops ("loss/value", "Loss/policy", "losses/entropy", "rl/critic_loss",
# "train/actor_loss") and an episode's return or reward ("rl/episode_return",
# "eval/mean_reward"), and value-based learners (CleanRL's DQN: "losses/td_loss",
# "losses/q_values"; hand-written Q-learning: "loss/td", "q/mean", "env/reward",
# "explore/epsilon"). Matched on whole path components, so a run merely named "value_..." is
# not RL.
_RL_TAG = re.compile(r"(^|/)(Policy|Losses|Environment)/"
                     r"|(^|/)rollout/|(^|/)charts/episodic_return$"
                     r"|(^|/)(train|losses)/(value|policy_gradient|policy|entropy)_loss$"
                     r"|(?i:(^|/)(loss|losses)/(value|policy|entropy|td|q)$)"
                     r"|(?i:(^|/)(actor|critic|td|q)_loss$)"
                     r"|(?i:(^|/)(q_values?|q/(mean|max|values?)|env/(reward|return)s?)$)"
                     r"|(?i:(^|/)(explore|exploration)/(epsilon|rate)$|(^|/)exploration_rate$)"
                     r"|(?i:(^|/)(episode|episodic|mean|ep)_?(return|reward|rew)s?(_mean)?$)")


def framework_of(names: Iterable[str]) -> Optional[str]:
    """The writer, from "run/tag" names; None when the names do not tell."""
    names = list(names)
    low = [n.lower() for n in names]
    if any(_RL_TAG.search(n) for n in names):
        return RL
    if any(re.search(r"(^|/)(train|validation)/(epoch|batch|evaluation)_", n) for n in low):
        return KERAS
    if any("lightning_logs" in n or re.search(r"/lr-[a-z]", n) or n.endswith("_step")
           and "loss" in n for n in low):
        return LIGHTNING
    if any(n.endswith("train/learning_rate") for n in low) and \
            any("eval/" in n or n.endswith("train/epoch") for n in low):
        return HF
    return None


def early_stopping(framework: Optional[str], patience: int, monitor: str) -> str:
    """Early stopping with the best weights kept, in the words of the run's framework."""
    if framework == KERAS:
        return ("EarlyStopping(monitor='%s', patience=%d, restore_best_weights=True)"
                % (monitor, patience))
    if framework == LIGHTNING:
        return ("EarlyStopping(monitor='%s', patience=%d) with ModelCheckpoint(monitor='%s')"
                % (monitor, patience, monitor))
    if framework == HF:
        return ("EarlyStoppingCallback(early_stopping_patience=%d) with "
                "load_best_model_at_end=True" % patience)
    return "early stopping with patience %d, keeping the best checkpoint" % patience


def log_validation(framework: Optional[str]) -> str:
    """How to log a validation loss, in the words of the run's framework."""
    return {
        KERAS: "Pass validation_data= (or validation_split=) to model.fit so the best epoch "
               "can be found.",
        LIGHTNING: "Add a validation_step that calls self.log('val_loss', loss) and pass "
                   "val_dataloaders to trainer.fit so the best step can be found.",
        HF: "Pass eval_dataset= to the Trainer and set eval_strategy='epoch' (or 'steps') so "
            "the best step can be found.",
        RL: "Reinforcement-learning runs have no validation loss: judge the return / reward "
            "curve instead; nothing to add here.",
    }.get(framework or "", "Log a validation loss in your evaluation loop (e.g. "
                           "writer.add_scalar('val/loss', loss, step)) so the best step can be "
                           "found.")


def log_lr(framework: Optional[str]) -> str:
    """How to log the LR, in the words of the run's framework."""
    return {
        KERAS: "Log it: Keras 3's TensorBoard callback writes epoch_learning_rate; for per-step "
               "resolution add tb_lrsched.keras_callback.LRLogger.",
        LIGHTNING: "Log it: add LearningRateMonitor(logging_interval='step') to the Trainer's "
                   "callbacks.",
        HF: "Log it: the Trainer logs train/learning_rate with report_to='tensorboard' and "
            "logging_steps > 0.",
    }.get(framework or "", "Log it: writer.add_scalar('lr', scheduler.get_last_lr()[0], step) "
                           "(PyTorch); Keras: the TensorBoard callback; Lightning: "
                           "LearningRateMonitor(); Hugging Face: report_to='tensorboard'.")


# Which finding's fix comes first when several are reported: the cause before its symptoms
# (a zero LR explains a stall; a divergence explains everything after it; an oscillation
# explains a spike), then the rest by how much of the run a fix changes: a run that learns too
# slowly or stalls loses more than one whose loss spiked once and recovered.
PRIORITY = ("divergence", "decay_too_aggressive", "oscillation", "lr_too_low", "plateau",
            "overfitting", "accuracy_drop", "loss_spike")

_LR = r"(\d+(?:\.\d+)?(?:e-?\d+)?)"


def harmonise_lr_targets(findings: List[Finding]) -> List[Finding]:
    """Every finding that suggests *lowering* the LR names the same, lowest, target."""
    targets = [(f, f["evidence"].get("suggested_lr")) for f in findings]
    lows = [t for _, t in targets if isinstance(t, (int, float)) and t > 0]
    if len(lows) < 2:
        return findings
    low = min(lows)
    out: List[Finding] = []
    for f, t in targets:
        if isinstance(t, (int, float)) and t > low:
            g = Finding(**f)
            g["suggestion"] = f["suggestion"].replace(fmt_lr(t), fmt_lr(low))
            g["evidence"] = dict(f["evidence"], suggested_lr=low)
            out.append(g)
        else:
            out.append(f)
    return out


def recommend(findings: List[Finding]) -> Optional[Recommendation]:
    """The single most important change (None when nothing is at warning or critical)."""
    severe = [f for f in findings if f.get("severity") in ("warning", "critical")]
    if not severe:
        return None
    rank: Dict[str, int] = {k: i for i, k in enumerate(PRIORITY)}
    top = min(severe, key=lambda f: (0 if f["severity"] == "critical" else 1,
                                     rank.get(f["kind"], len(PRIORITY))))
    return Recommendation(kind=top["kind"], text=top["suggestion"])
