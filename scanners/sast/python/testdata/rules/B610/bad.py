"""Django reports with QuerySet.extra."""
from trading.models import Trade


def by_symbol(symbol):
    return Trade.objects.extra(where=["symbol = '%s'" % symbol])


def with_score(expr):
    return Trade.objects.extra(select={"score": expr})


def from_tables(tables):
    return Trade.objects.extra(
        tables=tables,
    )
