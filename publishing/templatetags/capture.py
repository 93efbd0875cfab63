from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.tag
def capture(parser, token):
    """`{% capture name %}…{% endcapture %}` renders its content once into `name`.

    base.html uses it so a page's title and description blocks feed the <title>, the
    meta description and the Open Graph tags without being written twice.
    """
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one argument: a variable name") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Rendered by the template engine, so already escaped: keep it from being escaped twice.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""
