package graphkit.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.CommunityBootstrapper;
import org.neo4j.server.NeoBootstrapper;

/**
 * The Neo4j 5.26 Community server (Bolt, HTTP and the Browser) on 127.0.0.1 with auth enabled.
 *
 * <p>Usage: {@code java -cp 'target/*:target/lib/*' graphkit.neo4j.LocalServer HOME BOLT_PORT HTTP_PORT}.
 * Data, logs, conf and the LOAD CSV import folder live under HOME. The password comes from the
 * environment variable NEO4J_PASSWORD (never from the command line, so it does not show in process
 * listings). Extra settings: NEO4J_PAGECACHE (e.g. 512m), NEO4J_LOCK_TIMEOUT (db.lock.acquisition.timeout,
 * e.g. 2s; default 0s: wait for a lock as long as it takes), GRAPHKIT_GUIDE (the Browser guide served at
 * /graphkit/guide). Writes HOME/ready once Bolt accepts the password; stops cleanly on SIGTERM.
 *
 * <p>When HOME/after-import.cypher exists (left by {@code scripts/neo4j-local import}), its statements
 * (blocks separated by blank lines, {@code //} comment lines ignored) run one by one on the default
 * database before any connector opens, each in its own implicit transaction, and the file is removed.
 */
public final class LocalServer {
    private static final String MARKER = "graphkit-password-set";

    private LocalServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalServer HOME BOLT_PORT HTTP_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set (at least 8 characters)");
            System.exit(2);
        }
        Files.createDirectories(home.resolve("import"));
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);
        Path conf = writeConfig(home, boltPort, httpPort);

        // First start on a fresh folder: set the password with no connector open, so the default
        // neo4j/neo4j credentials are never reachable over the network.
        if (!Files.exists(home.resolve(MARKER))) {
            DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                    .loadPropertiesFromFile(conf)
                    .setConfig(BoltConnector.enabled, false)
                    .build();
            try {
                setPassword(dbms, password);
            } finally {
                dbms.shutdown();
            }
            Files.writeString(home.resolve(MARKER), "");
        }

        Path afterImport = home.resolve("after-import.cypher");
        if (Files.exists(afterImport)) {
            DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                    .loadPropertiesFromFile(conf)
                    .setConfig(BoltConnector.enabled, false)
                    .build();
            try {
                runStatements(dbms, Files.readString(afterImport));
            } finally {
                dbms.shutdown();
            }
            Files.delete(afterImport);
        }

        NeoBootstrapper server = new CommunityBootstrapper();
        int status = server.start(home, conf, Map.of(), false, false);
        if (status != NeoBootstrapper.OK) {
            System.err.println("graphkit neo4j-local: the server did not start (status " + status + "); see "
                    + home.resolve("logs"));
            System.exit(status);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the pid check in scripts/neo4j-local covers a stale ready file
            }
            server.stop();
            stopped.countDown();
        }, "graphkit-neo4j-shutdown"));
        setPassword(server.getDatabaseManagementService(), password); // follows NEO4J_PASSWORD if it changed
        Files.writeString(ready, "bolt://127.0.0.1:" + boltPort + "\nhttp://127.0.0.1:" + httpPort + "/browser/\n");
        System.out.println("graphkit neo4j-local: ready on bolt://127.0.0.1:" + boltPort
                + " and http://127.0.0.1:" + httpPort);
        System.out.flush();
        stopped.await();
    }

    /** HOME/conf/neo4j.conf, rewritten at every start from the ports and environment. */
    private static Path writeConfig(Path home, int boltPort, int httpPort) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("dbms.security.auth_enabled", "true");
        // loopback only, plain HTTP only
        config.put("server.default_listen_address", "127.0.0.1");
        config.put("server.default_advertised_address", "127.0.0.1");
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", "127.0.0.1:" + boltPort);
        config.put("server.bolt.advertised_address", "127.0.0.1:" + boltPort);
        config.put("server.bolt.tls_level", "DISABLED");
        config.put("server.http.enabled", "true");
        config.put("server.http.listen_address", "127.0.0.1:" + httpPort);
        config.put("server.http.advertised_address", "127.0.0.1:" + httpPort);
        config.put("server.https.enabled", "false");
        // LOAD CSV reads only below HOME/import: file:///etc/passwd means HOME/import/etc/passwd
        config.put("server.directories.import", home.resolve("import").toString());
        config.put("dbms.security.allow_csv_import_from_file_urls", "true");
        // nothing phones home
        config.put("dbms.usage_report.enabled", "false");
        config.put("client.allow_telemetry", "false");
        // the graphkit guide, served by this server and opened with :play after connecting
        config.put("server.unmanaged_extension_classes", "graphkit.neo4j=/graphkit");
        config.put("dbms.security.http_auth_allowlist", "/,/browser.*,/graphkit/guide");
        config.put("browser.remote_content_hostname_whitelist", "127.0.0.1,localhost");
        config.put("browser.post_connect_cmd", "play http://127.0.0.1:" + httpPort + "/graphkit/guide");
        config.put("server.memory.pagecache.size", envOr("NEO4J_PAGECACHE", "512m"));
        config.put("db.tx_log.rotation.retention_policy", "2 files");
        config.put("db.tx_log.rotation.size", "64M");
        // Community has no dbms.setConfigValue, so a lock wait limit is set at start (tests use it
        // to provoke Neo.TransientError.Transaction.LockAcquisitionTimeout)
        config.put("db.lock.acquisition.timeout", envOr("NEO4J_LOCK_TIMEOUT", "0s"));
        StringBuilder text = new StringBuilder("# written by graphkit's LocalServer at every start\n");
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, text);
        return conf;
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

    private static void runStatements(DatabaseManagementService dbms, String script) {
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database("neo4j");
        for (String block : script.split("\\n\\s*\\n")) {
            StringBuilder statement = new StringBuilder();
            for (String line : block.split("\\n")) {
                if (!line.strip().startsWith("//")) {
                    statement.append(line).append('\n');
                }
            }
            String text = statement.toString().strip();
            if (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                continue;
            }
            long started = System.nanoTime();
            // implicit, as a Bolt auto-commit query: CALL { ... } IN TRANSACTIONS needs one
            try (InternalTransaction tx = db.beginTransaction(KernelTransaction.Type.IMPLICIT, LoginContext.AUTH_DISABLED)) {
                tx.execute(text).accept(row -> true);
                tx.commit();
            }
            System.out.printf("graphkit neo4j-local: after import, %.1fs: %s%n",
                    (System.nanoTime() - started) / 1e9, text.lines().findFirst().orElse(""));
            System.out.flush();
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
