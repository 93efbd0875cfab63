"""The starting content is translated: a translator's backlog starts empty."""

from io import StringIO

import pytest
from django.core.management import call_command

from publishing.backlog import backlog


@pytest.mark.django_db
def test_the_starting_content_leaves_the_translators_nothing_to_do():
    call_command("load_content", stdout=StringIO())
    waiting = {
        (language.code, str(kind.name)): kind.counts
        for language in backlog()
        for kind in language.kinds
        if any(kind.counts.values())
    }
    assert waiting == {}
