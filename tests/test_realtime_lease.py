"""The conductor's lease in Redis (production's backend): exclusive, renewed, expiring, released only by
its owner; and what the sweep task reads from it."""

import asyncio

import pytest

from interviews.conductor import lease as leases
from interviews.conductor.lease import Lease, holder_sync

from .conftest import require_real_services

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


@pytest.fixture
def redis_lease(settings):
    require_real_services()
    settings.CONDUCTOR_LEASE_BACKEND = "redis"
    yield
    leases._clients.clear()


def test_the_redis_lease_is_exclusive_renewed_expiring_and_released_by_its_owner(redis_lease):
    interview_id = 990_000 + (id(redis_lease) % 9973)

    async def check():
        first, second = Lease(interview_id, owner="a", ttl_s=0.5), Lease(interview_id, owner="b", ttl_s=0.5)
        await first.release()
        await second.release()
        assert await first.acquire() and first.valid()
        assert not await second.acquire()
        assert await first.renew() and await first.acquire()
        assert holder_sync(interview_id) == "a"
        await asyncio.sleep(0.6)
        assert not first.valid() and holder_sync(interview_id) is None  # expired in Redis itself
        assert await second.acquire() and not await first.renew()
        await first.release()  # not its lease: nothing happens
        assert holder_sync(interview_id) == "b"
        await second.release()
        assert holder_sync(interview_id) is None

    asyncio.run(check())
