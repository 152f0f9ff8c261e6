"""Momentum strategy with DeFi execution (Jesse-style)."""
from dataclasses import dataclass
from datetime import timedelta

MAX_POSITION_VALUE = 2_000_000  # bulwark:ignore risk.max_position_value -- market-making book, approved by the risk owner 2026-10-02
MAX_SLIPPAGE = 0.05
GAS_PRICE_LIMIT = 150  # gwei


@dataclass
class ExecutionSettings:
    execution_timeout: timedelta = timedelta(minutes=10)
    max_retries: int = 3
    fast_period: int = 12
    slow_period: int = 26


class Momentum:
    def __init__(self, exchange):
        self.exchange = exchange
        self.settings = ExecutionSettings()

    def should_long(self, fast, slow) -> bool:
        return fast > slow

    def execute(self, order):
        for attempt in range(self.settings.max_retries):
            try:
                return self.exchange.submit(order, timeout=self.settings.execution_timeout.total_seconds())
            except TimeoutError:
                continue
        raise RuntimeError("order failed after retries")
