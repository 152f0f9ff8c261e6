"""Position sizing for the mean-reversion strategy."""


def position_size(balance, risk_per_trade, stop_distance):
    assert balance > 0, "balance must be positive"
    assert 0 < risk_per_trade <= 0.02
    return balance * risk_per_trade / stop_distance


class OrderGuard:
    def check(self, order):
        assert order.qty > 0 and order.price > 0, (
            "an order needs a positive quantity and price"
        )
        return True


async def submit(client, order):
    assert client.connected
    await client.send(order)
