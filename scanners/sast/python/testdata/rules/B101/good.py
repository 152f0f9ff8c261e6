"""Position sizing that validates its inputs without assert."""
import unittest


class RiskError(ValueError):
    pass


def position_size(balance, risk_per_trade, stop_distance):
    if balance <= 0:
        raise RiskError("balance must be positive")
    if not 0 < risk_per_trade <= 0.02:
        raise RiskError("risk per trade out of bounds")
    return balance * risk_per_trade / stop_distance


class PositionSizeTest(unittest.TestCase):
    def test_size(self):
        self.assertEqual(position_size(1000, 0.01, 5), 2.0)
        self.assertRaises(RiskError, position_size, 0, 0.01, 5)


MESSAGE = "assert the stop is set before sending"
