"""Demo sign-ins for a development machine, with fresh random passwords on every run.

No password ships with the project: this refuses to run unless DEBUG is on.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from occupations.roles import COUNSELOR, ensure_roles


class Command(BaseCommand):
    help = "Development only: create or reset the demo 'admin' and 'counselor' sign-ins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_accounts only runs with DEBUG on. In production, create accounts with "
                "'manage.py createsuperuser' and add counselors to the Counselor group."
            )
        groups = ensure_roles()
        User = get_user_model()
        for username, superuser in [("admin", True), ("counselor", False)]:
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = superuser
            user.set_password(password)
            user.save()
            if not superuser:
                user.groups.set([groups[COUNSELOR]])
            self.stdout.write(f"  {username:<10} password: {password}")
