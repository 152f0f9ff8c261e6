"""pytest tests: assert is how pytest checks, and is not reported in test files."""
from strategies.sizing import position_size


def test_position_size():
    assert position_size(1000, 0.01, 5) == 2.0


def test_rejects_zero_balance():
    try:
        position_size(0, 0.01, 5)
    except ValueError:
        return
    assert False, "expected a ValueError"
