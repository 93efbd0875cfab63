"""What staff translate of every collection and every piece of published content.

Each app registers its models (django-modeltranslation) with these fields and its own.
"""

COLLECTION_FIELDS = ["title", "description", "description_html"]
PUBLISHED_CONTENT_FIELDS = ["title", "summary", "body", "body_html"]
