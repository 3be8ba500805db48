"""Rows saved together are followed up once, when the outermost block ends, however it ends."""

import pytest

from core import together


def test_the_callback_runs_once_at_the_outermost_end_even_when_the_block_raises(monkeypatch):
    calls = []
    monkeypatch.setattr(together, "_ends", [])
    together.when_together_ends(lambda: calls.append(together.together()))
    together.when_together_ends(together._ends[0])  # given twice, called once
    assert not together.together()
    with together.saved_together():
        with together.saved_together():
            assert together.together()
        assert calls == []
    assert calls == [False]
    with pytest.raises(ValueError), together.saved_together():
        raise ValueError("refused")
    assert calls == [False, False] and not together.together()
