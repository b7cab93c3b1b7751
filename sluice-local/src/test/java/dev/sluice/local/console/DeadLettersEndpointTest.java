package dev.sluice.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.local.stack.LocalStack;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersEndpointTest {

    private static final String EVENT = "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"sluice-source\"},"
            + "\"object\":{\"key\":\"in%2Fmy+file.csv\"}}}]}";

    private final List<String> redelivered = new ArrayList<>();
    private final DeadLettersEndpoint endpoint = new DeadLettersEndpoint(new DeadLetterQueue() {
        @Override
        public List<LocalStack.DeadLetter> list() {
            return List.of(new LocalStack.DeadLetter("0000000000000001-000001", "filter", 3, "S3 down", EVENT));
        }

        @Override
        public boolean redeliver(String id) {
            if (!id.matches("[0-9a-f]{16}-\\d{6}")) {
                throw new IllegalArgumentException("not a dead-letter id: '" + id + "'");
            }
            return id.equals("0000000000000001-000001") && redelivered.add(id);
        }
    });

    @Test
    void listsEachDeadLetterWithTheObjectItsEventNames() throws Exception {
        assertThat(endpoint.list().handle(request("/api/dead-letters", "")).bodyText())
                .isEqualTo("{\"deadLetters\":[{\"id\":\"0000000000000001-000001\",\"function\":\"filter\","
                        + "\"attempts\":3,\"error\":\"S3 down\",\"bucket\":\"sluice-source\","
                        + "\"key\":\"in/my file.csv\"}]}");
    }

    @Test
    void redeliversAKnownDeadLetterOnce() throws Exception {
        Response r = endpoint.redeliver().handle(request("/api/dead-letters/redeliver", "id=0000000000000001-000001"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(redelivered).containsExactly("0000000000000001-000001");
        assertThatThrownBy(() -> endpoint.redeliver()
                        .handle(request("/api/dead-letters/redeliver", "id=0000000000000002-000001")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no dead letter '0000000000000002-000001' (already redelivered?)");
    }

    @Test
    void aMissingOrMalformedIdIsABadRequest() {
        assertThatThrownBy(() -> endpoint.redeliver().handle(request("/api/dead-letters/redeliver", "")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("parameter 'id' is required");
        assertThatThrownBy(() -> endpoint.redeliver().handle(request("/api/dead-letters/redeliver", "id=../../etc")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("not a dead-letter id: '../../etc'");
    }

    private static Request request(String path, String query) {
        return Request.of("GET", URI.create(path + (query.isEmpty() ? "" : "?" + query)));
    }
}
