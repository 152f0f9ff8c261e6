"""Django annotations with constant RawSQL."""
from django.db.models.expressions import RawSQL

from trading.models import Trade


def annotated(pk):
    return Trade.objects.annotate(val=RawSQL("SELECT price FROM trading_trade WHERE id = %s", (pk,)))
