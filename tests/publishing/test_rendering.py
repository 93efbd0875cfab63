from publishing.rendering import render_markdown


def test_script_tags_are_removed_with_their_content():
    html = render_markdown("Hello <script>alert('x')</script> world")
    assert "<script" not in html
    assert "alert" not in html


def test_event_handler_attributes_are_removed():
    html = render_markdown('<img src="x" onerror="alert(1)"> <a href="/x" onclick="alert(1)">a</a>')
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<img" not in html


def test_javascript_links_lose_their_target():
    html = render_markdown("[click](javascript:alert(1))")
    assert "javascript:" not in html
    assert "click" in html


def test_links_and_lists_are_kept():
    html = render_markdown("- one\n- [two](https://example.org/)\n\n1. first")
    assert "<ul>" in html and "<ol>" in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">two</a>' in html


def test_headings_are_demoted_so_the_page_keeps_a_single_h1():
    assert render_markdown("# Title\n\n## Part") == "<h2>Title</h2>\n<h3>Part</h3>"


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
