"""The write limit: a sliding window, so no client gets twice the limit across a window's edge."""
from backend.limits import Limiter, client


def writes(limiter, client, n):
    return sum(limiter.allow(client) for _ in range(n))


def test_the_limit_holds_within_a_window_and_per_client():
    now = [600.0]
    limiter = Limiter(10, 60, clock=lambda: now[0])
    assert writes(limiter, "192.0.2.1", 15) == 10
    assert writes(limiter, "192.0.2.2", 10) == 10  # another client counts on its own


def test_the_edge_of_a_window_gives_no_second_limit():
    now = [659.0]  # the last second of one window
    limiter = Limiter(10, 60, clock=lambda: now[0])
    assert writes(limiter, "192.0.2.1", 10) == 10
    now[0] = 661.0  # two seconds later, in the next window: the earlier ten still count
    assert writes(limiter, "192.0.2.1", 10) == 0
    now[0] = 690.0  # half a window on: half of the earlier ten weigh in
    assert writes(limiter, "192.0.2.1", 10) == 5
    now[0] = 780.0  # a whole window without writes: the full limit again
    assert writes(limiter, "192.0.2.1", 12) == 10


def test_no_limit_lets_everything_through():
    assert writes(Limiter(0, 60), "192.0.2.1", 1000) == 1000


def test_an_ipv6_home_counts_as_one_client_and_ipv4_as_itself():
    """A home or phone gets a whole IPv6 /64: every address in it is the same client to the limit."""
    assert client("2001:db8:1:2::1") == client("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64"
    assert client("2001:db8:1:3::1") != client("2001:db8:1:2::1")
    assert client("192.0.2.1") == "192.0.2.1" != client("192.0.2.2")
    assert client("::ffff:192.0.2.1") == "192.0.2.1"
    assert client("") == client(None) == ""


def test_retry_after_names_the_first_second_a_write_is_allowed_again():
    now = [630.0]
    limiter = Limiter(10, 60, clock=lambda: now[0])

    def waits_exactly(client, at):
        now[0] = at
        assert not limiter.allow(client)
        wait = limiter.retry_after(client)
        now[0] = at + wait - 1
        assert not limiter.allow(client), wait
        now[0] = at + wait
        assert limiter.allow(client), wait
        return wait

    for second in range(630, 640):
        now[0] = float(second)
        assert limiter.allow("192.0.2.1")
    # Full in this window: the next one, once 1/10 of these ten have slid out (660 + 6).
    assert waits_exactly("192.0.2.1", 640.0) == 26
    # Room in this window: the earlier window sliding out decides.
    now[0] = 700.0
    for _ in range(10):
        assert limiter.allow("192.0.2.2")
    assert waits_exactly("192.0.2.2", 725.0) == 1
