"""`__in` lookups drop integers the database cannot store (they could match nothing)."""

from lib.lookups import in_range


def test_values_beyond_the_range_are_out_and_others_are_left_to_the_lookup():
    assert in_range(5, 0, 10)
    assert not in_range(11, 0, 10)
    assert not in_range(-1, 0, None)
    assert in_range(10**30, None, None)
    assert in_range(None, 0, 10)  # None and expressions are the lookup's business
