package dev.tessera.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * A real TCP relay between a service and the test PostgreSQL, for outage tests: point the service's
 * reactive datasource at {@link #reactiveUrl()} (a {@code QuarkusTestProfile} override), then
 * {@link #cut()} drops every open connection and refuses new ones, as a PostgreSQL that was killed,
 * {@link #drop()} accepts connections and ends them at once, and {@link #restore()} listens again on the same port. The shared PostgreSQL itself is never
 * stopped, so other test classes are not touched. The target is {@link TesseraInfraResource}'s
 * database (Flyway and test helpers keep using its JDBC URL directly). Quarkus loads this class once
 * per class loader (the profile's and the test's differ), so the one relay of the JVM is the system
 * class loader's, called through JDK interfaces from every loader.
 */
public final class DatabaseProxy {

    private static final int CUT = 0;
    private static final int RESTORE = 1;
    private static final int DROP = 2;

    private final int port;
    private final IntConsumer control;

    private DatabaseProxy(int port, IntConsumer control) {
        this.port = port;
        this.control = control;
    }

    /** The one relay of this JVM (a test profile's app and its test share it), started on first use. */
    public static DatabaseProxy instance() {
        try {
            // the system class loader's copy of Relay holds the JVM's one relay; it is seen through JDK types
            Class<?> shared = Class.forName(Relay.class.getName(), true, ClassLoader.getSystemClassLoader());
            var method = shared.getDeclaredMethod("shared");
            method.setAccessible(true);
            Object relay = method.invoke(null);
            return new DatabaseProxy(((IntSupplier) relay).getAsInt(), (IntConsumer) relay);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The database relay cannot be started", e);
        }
    }

    /** The Vert.x URL of the test database through the relay. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + TesseraInfraResource.DATABASE;
    }

    /** The database is gone: open connections are dropped, new ones refused. */
    public void cut() {
        control.accept(CUT);
    }

    /**
     * The database's port answers but every connection ends at once, before PostgreSQL's handshake (a
     * server starting or shutting down, a proxy without a backend); open connections are dropped.
     */
    public void drop() {
        control.accept(DROP);
    }

    /** The database is back, on the same port. */
    public void restore() {
        control.accept(RESTORE);
    }

    private static final class Relay implements IntConsumer, IntSupplier {

        private static Relay instance;

        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final int port;
        private ServerSocket server;
        private volatile boolean dropping;

        Relay() {
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            listen();
        }

        static synchronized Relay shared() {
            if (instance == null) {
                instance = new Relay();
            }
            return instance;
        }

        @Override
        public int getAsInt() {
            return port;
        }

        @Override
        public synchronized void accept(int command) {
            if (command == CUT) {
                cut();
            } else if (command == DROP) {
                dropping = true;
                open.forEach(DatabaseProxy::closeQuietly);
                open.clear();
                listen();
            } else {
                dropping = false;
                listen();
            }
        }

        private void cut() {
            try {
                if (server != null) {
                    server.close();
                    server = null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            open.forEach(DatabaseProxy::closeQuietly);
            open.clear();
        }

        private void listen() {
            if (server != null) {
                return;
            }
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                server = socket;
                Thread acceptor = new Thread(() -> acceptAll(socket), "database-proxy-accept");
                acceptor.setDaemon(true);
                acceptor.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void acceptAll(ServerSocket socket) {
            while (!socket.isClosed()) {
                Socket client;
                try {
                    client = socket.accept();
                } catch (IOException e) {
                    continue; // closed by cut()
                }
                if (dropping) {
                    closeQuietly(client);
                    continue;
                }
                try {
                    URI target = URI.create(TesseraInfraResource.startOnce()
                            .get("quarkus.datasource.jdbc.url").replaceFirst("^jdbc:", ""));
                    Socket database = new Socket(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
                    open.add(client);
                    open.add(database);
                    pipe(client, database);
                    pipe(database, client);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(client); // the client sees its connection end
                }
            }
        }

        private void pipe(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side ended
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                    open.remove(from);
                    open.remove(to);
                }
            }, "database-proxy-pipe");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
