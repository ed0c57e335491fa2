package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.Command;
import io.floatip.config.NotifyConfig;
import io.floatip.notify.NotifyQueue;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A split brain's notification: `any` gets CONFLICT where the state goes; the state's own commands do not run. */
class ConflictNotifyTest {
    @Test
    void anyGetsConflictAndTheMasterCommandDoesNotRun() throws Exception {
        LinkedBlockingQueue<List<String>> delivered = new LinkedBlockingQueue<>();
        NotifyQueue queue = new NotifyQueue("VI_1", delivered::add);
        try {
            NotifyConfig config = new NotifyConfig(Command.of("/bin/master"), null, null, null,
                    Command.of("/bin/any", "word"));
            new Notifications("INSTANCE", "VI_1", config, queue, null).conflict(150);
            assertEquals(List.of("/bin/any", "word", "INSTANCE", "VI_1", "CONFLICT", "150"),
                    delivered.poll(5, TimeUnit.SECONDS));
            assertEquals(null, delivered.poll(200, TimeUnit.MILLISECONDS), "nothing else");
        } finally {
            queue.close();
        }
    }
}
