from lib.collation import collation_key, sorted_by_name


def test_accented_and_capital_letters_sort_with_their_base_letter():
    names = ["Inde", "Émirats arabes unis", "Chine", "états", "Zambie", "Égypte"]
    assert sorted(names, key=lambda n: collation_key(n, "fr")) == [
        "Chine", "Égypte", "Émirats arabes unis", "états", "Inde", "Zambie",
    ]  # fmt: skip


def test_spanish_puts_n_with_tilde_between_n_and_o():
    names = ["Ñuñoa", "Oslo", "Nuuk", "Nzérékoré"]
    assert sorted(names, key=lambda n: collation_key(n, "es")) == [
        "Nuuk", "Nzérékoré", "Ñuñoa", "Oslo",
    ]  # fmt: skip
    assert sorted(names, key=lambda n: collation_key(n, "en"))[0] == "Ñuñoa"


def test_sorted_by_name_uses_the_active_language(settings):
    from django.utils import translation

    with translation.override("fr"):
        assert sorted_by_name([("AE", "Émirats"), ("CN", "Chine")], lambda c: c[1])[0][0] == "CN"
