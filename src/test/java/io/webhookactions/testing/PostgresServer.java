package io.webhookactions.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's own binaries (Debian: {@code /usr/lib/postgresql/N/bin}, which
 * {@code .ci/run} installs), no Docker: {@code initdb} into a temporary folder, {@code pg_ctl start} on a free
 * 127.0.0.1 port, durability off, a password needed over TCP (user {@value #USER}, password {@value #PASSWORD}), as a
 * real server would. PostgreSQL refuses to run as root, so when this JVM is root every PostgreSQL
 * program runs as the OS user {@code postgres} through {@code runuser}. {@link #stop()} and {@link #start()} keep
 * the data and the port, for tests of a database that goes away and comes back. Starts in 2-5 s.
 * Overrides: {@code -Dpgtest.bin=DIR}, {@code -Dpgtest.dir=PARENT}, {@code -Dpgtest.osuser=NAME}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "test";
    public static final String PASSWORD = "test";

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final Path logFile;
    /** Null: run as this process's own user. */
    private final String osUser;
    private final Thread hook = new Thread(this::stopQuietly, "pg-test-shutdown");
    private volatile int port;
    private volatile boolean running;
    private volatile boolean closed;

    private PostgresServer(Path binDir, Path baseDir, String osUser) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.osUser = osUser;
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("server.log");
    }

    /** {@code initdb} and start on a free 127.0.0.1 port; the caller closes it. */
    public static PostgresServer startNew() {
        Path bin = findBinDir();
        String osUser = isRoot() ? System.getProperty("pgtest.osuser", "postgres") : null;
        if (osUser != null) {
            try {
                exec(List.of("id", "-u", osUser), null, null);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("running as root: PostgreSQL refuses root and the OS user '" + osUser
                        + "' is missing (apt-get install postgresql creates it)", e);
            }
        }
        PostgresServer server = new PostgresServer(bin, createBaseDir(osUser), osUser);
        try {
            server.port = freePort();
            server.run(List.of(server.exe("initdb"), "-D", server.dataDir.toString(), "-U", USER,
                    "--pwfile=" + server.write("pwfile", PASSWORD + "\n"), "--auth-local=trust", "--auth-host=scram-sha-256", "--locale=C",
                    "--encoding=UTF8", "--no-sync"));
            server.writeConfig();
            Runtime.getRuntime().addShutdownHook(server.hook);
            for (int attempt = 1; ; attempt++) {
                try {
                    server.start0();
                    return server;
                } catch (IllegalStateException e) {
                    // The port was taken between freePort() and the bind: take another.
                    if (attempt >= 3 || !e.getMessage().contains("could not bind")) {
                        throw e;
                    }
                    server.port = freePort();
                    server.writeConfig();
                }
            }
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public boolean isRunning() {
        return running;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** {@code CREATE DATABASE name}; returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name, e);
        }
        return jdbcUrl(name);
    }

    /** Starts again after {@link #stop()}: same data, same port. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (!running) {
            start0();
        }
    }

    /** {@code pg_ctl stop -m fast}: sessions are ended; returns once the server is down. */
    public synchronized void stop() {
        if (running) {
            pgCtl("stop", "-m", "fast");
            running = false;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopQuietly();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // already shutting down, or never added
            }
            deleteTree(baseDir);
        }
    }

    /** Settings go to postgresql.auto.conf (read last). Tests only: durability off. */
    private void writeConfig() {
        String socketDir = baseDir.toString().length() <= 80 ? baseDir.toString() : ""; // sun_path holds 108 bytes
        write("data/postgresql.auto.conf", String.join("\n", "listen_addresses = '127.0.0.1'", "port = " + port,
                "unix_socket_directories = '" + socketDir + "'", "fsync = off", "synchronous_commit = off", "full_page_writes = off",
                // POSIX shared memory needs /dev/shm, 64 MB in a default Docker container.
                "dynamic_shared_memory_type = mmap",
                "max_connections = 100", "log_min_messages = warning", ""));
    }

    private void start0() {
        try {
            pgCtl("start", "-l", logFile.toString());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n--- server log ---\n" + read(logFile), e);
        }
        running = true;
    }

    /** Also after a failed start that may have left a postmaster behind. */
    private void stopQuietly() {
        if (!running && !Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        try {
            pgCtl("stop", "-m", "fast");
        } catch (RuntimeException e) {
            try {
                pgCtl("stop", "-m", "immediate");
            } catch (RuntimeException ignored) {
                // nothing more to try
            }
        }
        running = false;
    }

    private void pgCtl(String action, String... extra) {
        List<String> command = new ArrayList<>(List.of(exe("pg_ctl"), action, "-D", dataDir.toString(), "-w", "-t", "60"));
        command.addAll(List.of(extra));
        run(command);
    }

    private String exe(String name) {
        return binDir.resolve(name).toString();
    }

    private void run(List<String> command) {
        exec(command, osUser, baseDir);
    }

    /**
     * Output goes to a file, never a pipe: the postmaster that pg_ctl leaves behind would hold a pipe open forever.
     * The working folder is ours, which the postgres user can enter ({@code /root} would give "could not change
     * directory").
     */
    private static void exec(List<String> command, String asUser, Path dir) {
        List<String> full = new ArrayList<>();
        if (asUser != null) {
            full.addAll(List.of(Files.isExecutable(Path.of("/usr/sbin/runuser")) ? "/usr/sbin/runuser" : "runuser", "-u", asUser, "--"));
        }
        full.addAll(command);
        try {
            File out = File.createTempFile("pgtest-cmd", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                builder.environment().keySet().removeIf(key -> key.startsWith("PG")); // no stray PGDATA, PGPORT, PGHOST
                builder.environment().put("LC_ALL", "C");
                Process process = builder.start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + full + "\n" + read(out.toPath()));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", full) + "\n" + read(out.toPath()));
                }
            } finally {
                out.delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + full, e);
        }
    }

    static Path findBinDir() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("pgtest.bin", System.getenv("PGTEST_BIN"));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String parent : List.of("/usr/lib/postgresql", "/usr")) { // Debian/Ubuntu N/bin; RHEL pgsql-N/bin
            try (Stream<Path> dirs = Files.list(Path.of(parent))) {
                dirs.filter(dir -> parent.equals("/usr/lib/postgresql") || dir.getFileName().toString().startsWith("pgsql-"))
                        .sorted(Comparator.comparingInt(PostgresServer::major).reversed())
                        .forEach(dir -> candidates.add(dir.resolve("bin")));
            } catch (IOException ignored) {
                // not this layout
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) { // Homebrew, Alpine, symlinks
            Path pgCtl = Path.of(dir, "pg_ctl");
            if (Files.isExecutable(pgCtl)) {
                try {
                    candidates.add(pgCtl.toRealPath().getParent());
                } catch (IOException ignored) {
                    // a broken link
                }
            }
        }
        candidates.add(Path.of("/usr/local/pgsql/bin"));
        for (Path candidate : candidates) {
            if (Stream.of("initdb", "pg_ctl", "postgres").allMatch(exe -> Files.isExecutable(candidate.resolve(exe)))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries in " + candidates
                + ": apt-get install postgresql (.ci/run does), or -Dpgtest.bin=DIR");
    }

    private static int major(Path dir) {
        String digits = dir.getFileName().toString().replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits.substring(0, Math.min(6, digits.length())));
    }

    /**
     * A folder the server's OS user can reach (a JUnit {@code @TempDir} below a private {@code java.io.tmpdir} is
     * not), checked as that user. Short: the Unix socket lives in it.
     */
    private static Path createBaseDir(String osUser) {
        List<String> parents = new ArrayList<>();
        String configured = System.getProperty("pgtest.dir", System.getenv("PGTEST_DIR"));
        if (configured != null && !configured.isBlank()) {
            parents.add(configured);
        }
        parents.addAll(List.of("/tmp", System.getProperty("java.io.tmpdir"), "/var/tmp"));
        List<String> failures = new ArrayList<>();
        for (String parent : parents) {
            if (!Files.isDirectory(Path.of(parent))) {
                continue;
            }
            Path dir = null;
            try {
                dir = Files.createTempDirectory(Path.of(parent), "pgtest-"); // mode 0700
                if (osUser != null) {
                    exec(List.of("chown", osUser + ":", dir.toString()), null, null);
                    exec(List.of("test", "-w", dir.toString(), "-a", "-x", dir.toString()), osUser, null);
                }
                return dir;
            } catch (IOException | RuntimeException e) {
                failures.add(parent + ": " + e.getMessage());
                deleteTree(dir);
            }
        }
        throw new IllegalStateException("no folder usable by " + (osUser != null ? osUser : "this user") + ": " + failures
                + "; set -Dpgtest.dir");
    }

    private static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(String relative, String text) {
        try {
            return Files.writeString(baseDir.resolve(relative), text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[port=" + port + ", dir=" + baseDir + ", running=" + running + "]";
    }
}
