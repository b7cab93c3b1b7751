package dev.sluice.local.stack;

import dev.sluice.lambda.runtime.ObjectOutcome;
import java.nio.file.Path;

/** Told about every object once its event is settled: processed, skipped, parked, or dead-lettered. */
public interface InvocationListener {

    /**
     * @param route      the function that ran
     * @param outcome    the object's outcome in the last attempt
     * @param attempts   how many invocations it took (1 = first try)
     * @param deadLetter the dead-letter file when every retry failed, else null
     */
    void settled(String route, ObjectOutcome outcome, int attempts, Path deadLetter);
}
