from django.utils.feedgenerator import Atom1Feed


def atom(feed_class):
    """The Atom version of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed})
