package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's 'redeliver': a dead letter goes back to pending once, as a new event. */
class EventJournalRedeliveryTest {

    @TempDir
    Path dir;

    @Test
    void aDeadLetterIsListedThenRedeliveredOnceAsANewPendingEvent() {
        EventJournal journal = new EventJournal(dir);
        EventJournal.PendingEvent event = journal.persist("filter", "{\"Records\":[]}");
        journal.deadLetter(event, 3, "S3 down");

        assertThat(journal.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(event.id());
            assertThat(d.route()).isEqualTo("filter");
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.error()).isEqualTo("S3 down");
            assertThat(d.eventJson()).isEqualTo("{\"Records\":[]}");
        });
        assertThat(journal.pending()).isEmpty();

        assertThat(journal.redeliver(event.id())).hasValueSatisfying(p -> {
            assertThat(p.id()).isNotEqualTo(event.id());
            assertThat(p.route()).isEqualTo("filter");
        });
        assertThat(journal.deadLetters()).isEmpty();
        assertThat(journal.pending()).hasSize(1);
        assertThat(journal.redeliver(event.id())).as("a second click").isEmpty();
    }

    @Test
    void anIdThatIsNotAnEventIdIsRefusedBeforeTouchingTheDisk() {
        EventJournal journal = new EventJournal(dir);
        assertThatThrownBy(() -> journal.redeliver("../pending/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a dead-letter id: '../pending/x'");
    }
}
