from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff member an authenticator app (TOTP) for signing in: prints the "
        "otpauth:// address to open or turn into a QR code on their phone. From then on "
        "signing in asks for its code. Replaces any authenticator they had."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No staff member is called {username!r}.")
        # One each: the sign-in form asks for one code, not which app it came from.
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        self.stdout.write(device.config_url)
        self.stderr.write(
            f"Add this to {username}'s authenticator app (it is a secret: send it only to "
            "them). Signing in now asks for its code."
        )
