package dev.sluice.local.console;

import dev.sluice.local.stack.LocalStack;
import java.util.List;

/** The local stack's dead letters, as the console reads and redelivers them ({@link LocalStack} in production). */
public interface DeadLetterQueue {

    List<LocalStack.DeadLetter> list();

    /** False when there is no such dead letter; {@link IllegalArgumentException} when the id is malformed. */
    boolean redeliver(String id);

    static DeadLetterQueue of(LocalStack stack) {
        return new DeadLetterQueue() {
            @Override
            public List<LocalStack.DeadLetter> list() {
                return stack.deadLetters();
            }

            @Override
            public boolean redeliver(String id) {
                return stack.redeliver(id);
            }
        };
    }
}
