from django.test import RequestFactory, SimpleTestCase, override_settings

from guarantees.clients import client_address, client_hash


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


class ClientIdentityTests(SimpleTestCase):
    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_forwarded_header_is_ignored_without_trusted_proxy(self):
        self.assertEqual(client_address(request_from("10.0.0.1", "1.2.3.4")), "10.0.0.1")
        self.assertEqual(
            client_hash(request_from("10.0.0.1", "1.2.3.4")),
            client_hash(request_from("10.0.0.1", "5.6.7.8")),
        )

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_one_trusted_proxy_takes_rightmost_address(self):
        self.assertEqual(client_address(request_from("10.0.0.1", "9.9.9.9, 1.2.3.4")), "1.2.3.4")

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_two_trusted_proxies_take_second_from_right(self):
        request = request_from("10.0.0.1", "9.9.9.9, 1.2.3.4, 10.0.0.2")
        self.assertEqual(client_address(request), "1.2.3.4")
