"""A detection score (mAP / AP) stands in for the accuracy: the report names it, so the panel
draws and labels it as what it is, not as an accuracy. Event files from PyTorch's writer."""

import numpy as np
import pytest

from tb_lrsched import loader, service

torch_tb = pytest.importorskip("torch.utils.tensorboard")


def _write(logdir, score_tag):
    w = torch_tb.SummaryWriter(str(logdir))
    for ep in range(30):
        lr = 0.01 * (1 - ep / 30) + 1e-4
        w.add_scalar("x/lr0", lr, ep)
        w.add_scalar("train/box_loss", 0.05 + 0.1 * np.exp(-ep / 6), ep)
        w.add_scalar("val/box_loss", 0.06 + 0.1 * np.exp(-ep / 6), ep)
        w.add_scalar(score_tag, 0.9 * (1 - np.exp(-ep / 5)), ep)
    w.close()


@pytest.mark.parametrize("tag, score", [("metrics/mAP50(B)", "mAP50(B)"), ("val/acc", None)])
def test_the_report_names_a_detection_score(tmp_path, tag, score):
    from tensorboard import context as tb_context

    _write(tmp_path / "exp", tag)
    with loader.open_provider(str(tmp_path), "python") as (provider, ctx, eid):
        rep = service.AnalysisService().report(provider, tb_context.RequestContext(), eid, "exp")
    acc = rep["series"]["val_acc"]
    assert acc["tag"] == tag and len(acc["values"]) == 30
    assert acc.get("score") == score
