from lib.links import link_key, links_in


def test_one_address_written_several_ways_has_one_key():
    keys = {
        link_key(url)
        for url in [
            "https://www.Example.org/a/",
            "http://example.org/a",
            "https://example.org/a#top",
        ]
    }
    assert keys == {"example.org/a"}
    assert link_key("https://example.org/a?b=1") != link_key("https://example.org/a")


def test_links_in_reads_every_href():
    html = "<p><a href=\"https://example.org/x/\">x</a> and <a href='/fr/page/'>y</a></p>"
    assert links_in(html) == {"example.org/x", "/fr/page"}
