"""`__in` on integer fields and on foreign keys to them, safe from ids the database
cannot store.

Django already answers `pk=<huge number>` with no match; `pk__in=[<huge number>]` still
reaches the driver, where SQLite raises OverflowError (a 500 on any form that takes ids,
such as the join form's areas, or the admin's bulk actions). Values out of the backend's
range can match nothing, so they are dropped before the query is built. Other lookups
(`__range`, reverse generic relations) are not covered: no form of the portal uses them.
"""

from django.core.exceptions import FieldError
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class DropsOutOfRangeIntegers:
    def process_rhs(self, compiler, connection):
        field = self.lhs.output_field
        if isinstance(field, ForeignObject):
            try:
                field = field.target_field  # the key it points to
            except FieldError:  # a key of several columns: not ours to judge
                return super().process_rhs(compiler, connection)
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
