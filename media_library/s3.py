"""S3-compatible object storage, shared by every app server (django-storages)."""

from storages.backends.s3 import S3Storage

from .storage import cache_control_for


class MediaS3Storage(S3Storage):
    """Objects get the cache lifetime of their kind: a year for renditions."""

    def get_object_parameters(self, name):
        return {**super().get_object_parameters(name), "CacheControl": cache_control_for(name)}
