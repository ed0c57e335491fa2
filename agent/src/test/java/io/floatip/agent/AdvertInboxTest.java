package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.protocol.Ip;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AdvertInboxTest {
    private static final InetAddress PEER = Ip.ipv4(198, 51, 100, 11);

    @Test
    void advertsComeOutOldestFirstAndOnlyTheFirstIntoAnEmptyInboxWakesTheLoop() {
        AdvertInbox inbox = new AdvertInbox();
        assertEquals(AdvertInbox.FIRST, inbox.offer(PEER, 150, 10, 1000));
        assertEquals(AdvertInbox.QUEUED, inbox.offer(PEER, 151, 10, 2000));
        AdvertInbox.Heard h = new AdvertInbox.Heard();
        assertTrue(inbox.take(h));
        assertEquals(150, h.priority);
        assertEquals(1000, h.receivedAt);
        assertEquals(PEER, h.source);
        assertTrue(inbox.take(h));
        assertEquals(151, h.priority);
        assertFalse(inbox.take(h));
        assertEquals(AdvertInbox.FIRST, inbox.offer(PEER, 152, 10, 3000), "empty again: wake the loop again");
    }

    @Test
    void aFullInboxGivesUpItsOldestAdvertForTheNewest() {
        AdvertInbox inbox = new AdvertInbox();
        for (int i = 0; i < AdvertInbox.CAPACITY; i++) {
            inbox.offer(PEER, i, 10, i);
        }
        assertEquals(AdvertInbox.REPLACED, inbox.offer(PEER, 200, 10, 200));
        AdvertInbox.Heard h = new AdvertInbox.Heard();
        int taken = 0;
        int last = -1;
        while (inbox.take(h)) {
            taken++;
            assertTrue(h.priority > last, "in order");
            last = h.priority;
        }
        assertEquals(AdvertInbox.CAPACITY, taken);
        assertEquals(200, last, "the newest is kept");
    }

    @Test
    void handingAnAdvertOverAllocatesNothing() {
        AdvertInbox inbox = new AdvertInbox();
        AdvertInbox.Heard h = new AdvertInbox.Heard();
        double perAdvert = Allocated.perRun(20_000, () -> {
            inbox.offer(PEER, 150, 10, 1);
            inbox.take(h);
        });
        assertTrue(perAdvert < 1, perAdvert + " bytes per advert");
    }
}
