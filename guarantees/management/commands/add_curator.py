from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

ROLES = ["curator", "reviewer"]


class Command(BaseCommand):
    help = "Create a staff account in the curator or reviewer role (or give an existing account that role)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, default="curator")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, email, **options):
        try:
            group = Group.objects.get(name=role)
        except Group.DoesNotExist:
            raise CommandError(f"The {role} role does not exist: run `manage.py migrate` first.") from None
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = True
        if created:
            user.set_unusable_password()
        user.save()
        user.groups.set([group])
        action = "Created" if created else "Updated"
        self.stdout.write(f"{action} {username} as {role}.")
        if created:
            self.stdout.write(f"Set a password with: manage.py changepassword {username}")
