package graphkit.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Neo4j 5.26 Community as one embedded DBMS with Bolt on 127.0.0.1 and auth enabled.
 *
 * <p>Usage: {@code java -cp 'target/*:target/lib/*' graphkit.neo4j.LocalServer HOME PORT}.
 * The password comes from the environment variable NEO4J_PASSWORD (never from the command line,
 * so it does not show in process listings). Extra settings: NEO4J_PAGECACHE (e.g. 512m),
 * NEO4J_LOCK_TIMEOUT (db.lock.acquisition.timeout, e.g. 2s; default 0s: wait for a lock as long as it takes).
 * Writes HOME/ready once Bolt accepts the password; stops cleanly on SIGTERM.
 */
public final class LocalServer {
    private static final String MARKER = "graphkit-password-set";

    private LocalServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalServer HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set (at least 8 characters)");
            System.exit(2);
        }
        Files.createDirectories(home);
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);

        // First start on a fresh folder: set the password with Bolt closed, so the default
        // neo4j/neo4j credentials are never reachable over the network.
        if (!Files.exists(home.resolve(MARKER))) {
            DatabaseManagementService offline = build(home, port, false);
            try {
                setPassword(offline, password);
            } finally {
                offline.shutdown();
            }
            Files.writeString(home.resolve(MARKER), "");
        }

        DatabaseManagementService dbms = build(home, port, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the pid check in scripts/neo4j-local covers a stale ready file
            }
            dbms.shutdown();
            stopped.countDown();
        }, "graphkit-neo4j-shutdown"));
        setPassword(dbms, password); // follows NEO4J_PASSWORD if it changed since the last start
        Files.writeString(ready, "bolt://127.0.0.1:" + port + "\n");
        System.out.println("graphkit neo4j-local: ready on bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    private static DatabaseManagementService build(Path home, int port, boolean bolt) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("dbms.security.auth_enabled", "true");
        config.put("server.bolt.enabled", Boolean.toString(bolt));
        config.put("server.bolt.listen_address", "127.0.0.1:" + port);
        config.put("server.bolt.tls_level", "DISABLED");
        config.put("dbms.usage_report.enabled", "false");
        config.put("server.memory.pagecache.size", envOr("NEO4J_PAGECACHE", "512m"));
        config.put("db.tx_log.rotation.retention_policy", "2 files");
        config.put("db.tx_log.rotation.size", "64M");
        // Community has no dbms.setConfigValue, so a lock wait limit is set at start (tests use it
        // to provoke Neo.TransientError.Transaction.LockAcquisitionTimeout)
        config.put("db.lock.acquisition.timeout", envOr("NEO4J_LOCK_TIMEOUT", "0s"));
        StringBuilder text = new StringBuilder("# written by graphkit's LocalServer at every start\n");
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path conf = home.resolve("neo4j.conf");
        Files.writeString(conf, text);
        return new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
    }

    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the one already set; anything else is real.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
