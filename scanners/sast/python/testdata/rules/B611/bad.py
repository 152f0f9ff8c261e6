"""Django annotations with RawSQL built from strings."""
from django.db.models.expressions import RawSQL

from trading.models import Trade


def annotated(column):
    return Trade.objects.annotate(val=RawSQL("SELECT %s FROM trading_trade" % column, ()))


def custom(sql, params):
    return Trade.objects.annotate(val=RawSQL(sql, params))
