package dev.sluice.etl.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Connections from a Secrets Manager secret: JSON with {@code username, password, host, port, dbname}. The
 * secret is read at the first connection, not when the function is initialised, so a SnapStart snapshot holds
 * no secret; it is then cached, and dropped when the database rejects the password (rotation), so the next
 * run reads it again.
 */
public final class SecretsManagerConnectionSource implements ConnectionSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final String INVALID_PASSWORD = "28P01";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** For {@link #primeDriver()}: parsed, never resolved or connected to ({@code .invalid} is reserved for that). */
    private static final String PRIMING_URL = "jdbc:postgresql://prime.invalid:5432/prime";

    private final SecretsManagerClient secrets;
    private final String secretId;
    private final String sslMode;
    private volatile DbSecret cached;

    /** A database secret's fields; {@code toString} never shows the password. */
    record DbSecret(String username, String password, String host, int port, String dbname) {
        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + dbname;
        }

        @Override
        public String toString() {
            return "DbSecret[" + username + "@" + host + ":" + port + "/" + dbname + "]";
        }
    }

    /**
     * @param sslMode the driver's {@code sslmode}; {@code require} in AWS (RDS serves TLS)
     */
    public SecretsManagerConnectionSource(SecretsManagerClient secrets, String secretId, String sslMode) {
        if (secretId == null || secretId.isBlank()) {
            throw new ExtractConfigException("environment variable TOTESYS_SECRET_ID is not set");
        }
        this.secrets = secrets;
        this.secretId = secretId;
        this.sslMode = sslMode;
    }

    @Override
    public Connection open() throws SQLException {
        DbSecret secret = secret();
        Properties properties = new Properties();
        properties.setProperty("user", secret.username());
        properties.setProperty("password", secret.password());
        properties.setProperty("sslmode", sslMode);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try {
            return DriverManager.getConnection(secret.jdbcUrl(), properties);
        } catch (SQLException e) {
            if (INVALID_PASSWORD.equals(e.getSQLState())) {
                cached = null;
            }
            throw e;
        }
    }

    /**
     * SnapStart priming: loads and registers the PostgreSQL driver (its class initialisation) and has DriverManager
     * pick it for a JDBC URL, which {@link #open()} does first; no secret is read and no connection opened.
     */
    public static void primeDriver() throws IOException {
        try {
            if (!org.postgresql.Driver.isRegistered()) {
                throw new IOException("the PostgreSQL driver did not register with DriverManager");
            }
            DriverManager.getDriver(PRIMING_URL);
        } catch (SQLException e) {
            throw new IOException("no JDBC driver accepts " + PRIMING_URL, e);
        }
    }

    DbSecret secret() {
        DbSecret secret = cached;
        if (secret == null) {
            secret = parse(fetch());
            cached = secret;
        }
        return secret;
    }

    private String fetch() {
        try {
            return secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new SourceDatabaseException("could not read the database secret '" + secretId + "'", e);
        }
    }

    private DbSecret parse(String secretString) {
        JsonNode json;
        try {
            json = secretString == null ? null : JSON.readTree(secretString);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new ExtractConfigException("secret '" + secretId + "' is not a JSON object");
        }
        String host = text(json, "host");
        String dbname = text(json, "dbname");
        if (!HOST.matcher(host).matches()) {
            throw new ExtractConfigException("secret '" + secretId + "': host is not a host name");
        }
        if (!DATABASE.matcher(dbname).matches()) {
            throw new ExtractConfigException("secret '" + secretId + "': dbname is not a plain database name");
        }
        JsonNode port = json.get("port");
        int portNumber = port == null || port.isNull() ? 5432 : port.asInt(-1);
        if (portNumber < 1 || portNumber > 65_535) {
            throw new ExtractConfigException("secret '" + secretId + "': port is not a port number");
        }
        return new DbSecret(text(json, "username"), text(json, "password"), host, portNumber, dbname);
    }

    private String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            throw new ExtractConfigException("secret '" + secretId + "' has no '" + field + "'");
        }
        return node.asText();
    }
}
