from django.dispatch import Signal

# Sent once after a bulk change of publication status (`update()` sends no post_save);
# the sender is the model whose rows changed.
statuses_changed = Signal()
