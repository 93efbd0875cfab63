"""`__in` on integer fields, safe from ids the database cannot store.

Django already answers `pk=<huge number>` with no match; `pk__in=[<huge number>]` still
reaches the driver, where SQLite raises OverflowError (a 500 on any form that takes ids,
such as the join form's areas). Values out of the backend's range can match nothing, so
they are dropped before the query is built.
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class DropsOutOfRangeIntegers:
    def process_rhs(self, compiler, connection):
        field = self.lhs.output_field
        field = getattr(field, "target_field", field)  # a relation: the key it points to
        if self.rhs_is_direct_value() and isinstance(field, IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            self.rhs = [value for value in self.rhs if in_range(value, low, high)]
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(DropsOutOfRangeIntegers, In):
    pass


class RelatedIntegerIn(DropsOutOfRangeIntegers, RelatedIn):
    """`theme__in=[…]`: the same, through a relation (its target is an integer key)."""


def in_range(value, low, high) -> bool:
    if not isinstance(value, int):
        return True  # None and expressions are In's business
    return (low is None or value >= low) and (high is None or value <= high)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
