package dev.sluice.local.totesys;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** Child JVM of {@link PostgresClusterTest}: starts a persistent cluster, writes a row, says "ready", waits to be killed. */
public final class OrphanClusterChild {

    private OrphanClusterChild() {}

    public static void main(String[] args) throws Exception {
        PostgresCluster cluster = PostgresCluster.persistent(Path.of(args[0]), 0);
        try (Connection c = cluster.admin().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (x int)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
