import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0005_published_newest_index")]

    operations = [
        migrations.AlterField(
            model_name="insight",
            name="published_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="Published content with a future date stays hidden until that day.",
                verbose_name="publication date",
            ),
        ),
    ]
