package dev.sluice.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretsManagerConnectionSourceTest {

    /** A Secrets Manager that serves one secret string and counts reads. */
    static final class OneSecret implements SecretsManagerClient {
        final AtomicInteger reads = new AtomicInteger();
        final String value;

        OneSecret(String value) {
            this.value = value;
        }

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            reads.incrementAndGet();
            if (value == null) {
                throw ResourceNotFoundException.builder()
                        .message("Secrets Manager can't find the specified secret.")
                        .build();
            }
            return GetSecretValueResponse.builder()
                    .name(request.secretId())
                    .secretString(value)
                    .build();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {}
    }

    private static final String SECRET =
            "{\"username\":\"etl\",\"password\":\"p'ss,\\\"word\",\"host\":\"db.internal\","
                    + "\"port\":5432,\"dbname\":\"totesys\"}";

    @Test
    void theSecretIsReadAtFirstUseNotAtConstructionAndThenCached() {
        OneSecret secrets = new OneSecret(SECRET);
        SecretsManagerConnectionSource source = new SecretsManagerConnectionSource(secrets, "totesys-db", "require");
        assertThat(secrets.reads).hasValue(0);

        SecretsManagerConnectionSource.DbSecret secret = source.secret();
        source.secret();

        assertThat(secrets.reads).hasValue(1);
        assertThat(secret.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/totesys");
        assertThat(secret.password()).isEqualTo("p'ss,\"word");
        assertThat(secret.toString()).doesNotContain("p'ss");
    }

    @Test
    void aSecretWithoutAFieldNamesTheFieldButNeverAValue() {
        OneSecret secrets = new OneSecret("{\"username\":\"etl\",\"password\":\"hunter2\",\"host\":\"db\"}");
        SecretsManagerConnectionSource source = new SecretsManagerConnectionSource(secrets, "totesys-db", "require");
        assertThatThrownBy(source::secret)
                .isInstanceOf(ExtractConfigException.class)
                .hasMessage("secret 'totesys-db' has no 'dbname'");
    }

    @Test
    void aSecretThatIsNotJsonOrHasAHostileHostIsRejected() {
        assertThatThrownBy(
                        new SecretsManagerConnectionSource(new OneSecret("{'username': 'x'}"), "s", "require")::secret)
                .hasMessage("secret 's' is not a JSON object");
        assertThatThrownBy(new SecretsManagerConnectionSource(
                        new OneSecret(
                                "{\"username\":\"u\",\"password\":\"p\",\"host\":\"db/evil?x=1\",\"dbname\":\"t\"}"),
                        "s",
                        "require")::secret)
                .hasMessage("secret 's': host is not a host name");
    }

    @Test
    void aMissingSecretIsASourceFailureThatTheNextRunRetries() {
        OneSecret secrets = new OneSecret(null);
        SecretsManagerConnectionSource source = new SecretsManagerConnectionSource(secrets, "totesys-db", "require");
        assertThatThrownBy(source::open)
                .isInstanceOf(SourceDatabaseException.class)
                .hasMessage("could not read the database secret 'totesys-db'");
        assertThatThrownBy(source::open).isInstanceOf(SourceDatabaseException.class);
        assertThat(secrets.reads).hasValue(2);
    }

    @Test
    void noSecretIdIsAConfigurationError() {
        assertThatThrownBy(() -> new SecretsManagerConnectionSource(new OneSecret(SECRET), " ", "require"))
                .isInstanceOf(ExtractConfigException.class)
                .hasMessage("environment variable TOTESYS_SECRET_ID is not set");
    }
}
