"""Every finding a rule test produces uses evidence keys its rule labels (EVIDENCE)."""

import pytest

from tb_lrsched import analysis
from tb_lrsched.engine.registry import BY_KIND


@pytest.fixture(autouse=True)
def _evidence_is_labelled(monkeypatch):
    real = analysis.analyze

    def checked(exp, **kw):
        rep = real(exp, **kw)
        for f in rep["findings"]:
            unlabelled = set(f["evidence"]) - set(BY_KIND[f["kind"]].evidence)
            assert not unlabelled, (f["kind"], unlabelled)
        return rep

    monkeypatch.setattr(analysis, "analyze", checked)
    yield
