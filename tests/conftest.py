import pytest

from tests.factories import make_theme


@pytest.fixture
def theme(db):
    return make_theme(title="Gender equality", slug="gender-equality", position=4)
