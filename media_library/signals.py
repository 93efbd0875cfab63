from django.dispatch import Signal

# Sent by the worker once an image's renditions are stored: pages may now show it.
renditions_made = Signal()
