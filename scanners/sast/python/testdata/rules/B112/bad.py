"""Skips failures silently in the tick loop."""


def process(ticks, strategy):
    for tick in ticks:
        try:
            strategy.on_tick(tick)
        except Exception:
            continue


def drain(queue):
    while queue:
        item = queue.pop()
        try:
            item.settle()
        except:
            continue


async def replay(feed):
    async for msg in feed:
        try:
            await msg.apply()
        except Exception as exc:
            continue
